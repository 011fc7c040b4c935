package dev.openpsi.cloudlinkdaemon.config;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A background task on its own named daemon thread, run again a fixed delay after each run ends
 * (a slow run never overlaps the next) until closed. The task blocks freely: it is never on an
 * event loop.
 */
public final class Ticker implements AutoCloseable {

    private final ScheduledExecutorService scheduler;

    private Ticker(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    public static Ticker start(String threadName, Duration firstAfter, Duration every, Runnable task) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(task, firstAfter.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return new Ticker(scheduler);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
