package dev.openpsi.testkit.dist;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Runs a server main class (the Kafka broker) and exits as soon as its standard input reaches
 * end-of-file. The launching JVM keeps the pipe open for its whole life, so when that JVM ends
 * - normally, or killed - the server ends too and no orphan broker survives a test run.
 *
 * <p>Usage: {@code java -cp <broker classpath> dev.openpsi.testkit.dist.ParentWatch <main class> <args...>}
 */
public final class ParentWatch {

    private ParentWatch() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: ParentWatch <main-class> [args...]");
            System.exit(2);
        }
        Thread watcher = new Thread(ParentWatch::exitWhenParentGone, "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    }

    private static void exitWhenParentGone() {
        try (InputStream in = System.in) {
            byte[] buffer = new byte[256];
            while (in.read(buffer) >= 0) {
                // the parent writes nothing; any bytes are ignored
            }
        } catch (IOException ignored) {
            // a broken pipe means the same as end-of-file: the parent is gone
        }
        // Runs the server's shutdown hooks (the broker shuts down cleanly).
        System.exit(0);
    }
}
