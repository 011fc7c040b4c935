package dev.openpsi.cloudlinkdaemon.replay;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.openpsi.cloudlinkdaemon.config.Ticker;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Replays whose daemon stopped must not stay {@code running} forever. The rule: every instance
 * touches {@code heartbeat_at} of the replays it runs or holds in line each heartbeat interval; a
 * running row without a heartbeat for {@code abandoned-after} has no live runner, whichever
 * instance started it, and is failed. A heartbeat rather than an instance id: with several
 * instances (and new ids after a restart) a starting instance cannot tell whether another id is
 * still alive, but a stale heartbeat says so. Checked at startup and then on every tick, so the
 * replays of an instance that stopped moments ago (heartbeat still fresh at startup) or of one
 * that never comes back are failed too, within abandoned-after plus one interval.
 */
@ApplicationScoped
public class ReplayRecovery {

    private static final Logger LOG = Logger.getLogger(ReplayRecovery.class);

    private final ReplayRunner runner;
    private final ReplayRepository replays;
    private final ReplayConfig config;
    private Ticker ticker;

    public ReplayRecovery(ReplayRunner runner, ReplayRepository replays, ReplayConfig config) {
        this.runner = runner;
        this.replays = replays;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        ticker = Ticker.start("openpsi-replay-heartbeat", Duration.ZERO,
                Duration.ofMillis(Math.max(100, config.heartbeatInterval().toMillis())), this::tickQuietly);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (ticker != null) {
            ticker.close();
        }
    }

    /** Keeps this instance's replays alive, then fails the abandoned ones. Blocks: not on an event loop. */
    public List<ReplayRepository.Abandoned> recover() {
        replays.heartbeat(runner.owned());
        List<ReplayRepository.Abandoned> failed = replays.failAbandoned(config.abandonedAfter());
        // the row is the replay's audit record; the log says it like a replay that failed while running
        failed.forEach(a -> LOG.warnf("replay %s failed: %s", a.id(), a.error()));
        return failed;
    }

    private void tickQuietly() {
        try {
            recover();
        } catch (RuntimeException e) {
            LOG.warnf("replay heartbeat failed: %s (next in %s)", e.getMessage(), config.heartbeatInterval());
        }
    }
}
