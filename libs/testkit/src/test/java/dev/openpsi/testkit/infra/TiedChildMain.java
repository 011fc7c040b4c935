package dev.openpsi.testkit.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.openpsi.testkit.infra.ManagedProcess.Lifetime;
import dev.openpsi.testkit.infra.ManagedProcess.StopSignal;

/**
 * A JVM that starts two tied servers (a native one under the watcher shell and a Java one under
 * ParentWatch), prints every process id of theirs, then waits to be killed by the test.
 */
public final class TiedChildMain {

    private TiedChildMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("tied-child");
        ManagedProcess nativeServer = ManagedProcess.start("sleep", List.of("sleep", "300"), Map.of(), dir,
                dir.resolve("sleep.log"), Lifetime.TIED_TO_THIS_JVM, StopSignal.TERM, false);
        ManagedProcess javaServer = ManagedProcess.start("java", List.of(JavaLauncher.java(), "-Xmx32m", "-cp",
                System.getProperty("java.class.path"), "dev.openpsi.testkit.dist.ParentWatch",
                SleepMain.class.getName()), Map.of(), dir, dir.resolve("java.log"), Lifetime.TIED_TO_THIS_JVM,
                StopSignal.TERM, true);
        Thread.sleep(Duration.ofMillis(500).toMillis()); // let the watcher fork its command
        StringBuilder pids = new StringBuilder("PIDS");
        for (ManagedProcess p : List.of(nativeServer, javaServer)) {
            pids.append(' ').append(p.pid());
            ProcessHandle.of(p.pid()).ifPresent(h -> h.descendants().forEach(d -> pids.append(' ').append(d.pid())));
        }
        System.out.println(pids);
        System.out.flush();
        Thread.sleep(300_000);
    }
}
