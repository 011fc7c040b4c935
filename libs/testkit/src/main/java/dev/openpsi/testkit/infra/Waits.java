package dev.openpsi.testkit.infra;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a readiness condition while checking that the server process is still alive. */
final class Waits {

    private Waits() {
    }

    static void until(String what, Duration timeout, ManagedProcess process, BooleanSupplier ready) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(what + " exited before it became ready; last log lines:\n"
                        + process.logTail(40));
            }
            if (ready.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
        throw new IllegalStateException(what + " not ready within " + timeout
                + (process == null ? "" : "; last log lines:\n" + process.logTail(40)));
    }
}
