package dev.openpsi.testkit.infra;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.openpsi.testkit.infra.ManagedProcess.Lifetime;
import dev.openpsi.testkit.infra.ManagedProcess.StopSignal;

class ManagedProcessTest {

    @Test
    void serversTiedToAJvmDieWhenThatJvmIsKilled() throws Exception {
        Process child = new ProcessBuilder(JavaLauncher.java(), "-cp", System.getProperty("java.class.path"),
                TiedChildMain.class.getName()).redirectErrorStream(true).start();
        List<Long> pids;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("PIDS"));
            assertNotNull(line, "the child JVM printed no PIDS line");
            pids = Arrays.stream(line.substring(5).trim().split(" ")).map(Long::parseLong).toList();
        }
        assertTrue(pids.size() >= 3, "watcher, its command and the ParentWatch JVM: " + pids);
        pids.forEach(pid -> assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                "process " + pid + " should run while its parent JVM lives"));

        child.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertTrue(child.waitFor(10, TimeUnit.SECONDS));

        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline && pids.stream().anyMatch(ManagedProcessTest::alive)) {
            Thread.sleep(100);
        }
        for (long pid : pids) {
            assertFalse(alive(pid), "process " + pid + " outlived the JVM that started it");
        }
    }

    @Test
    void stopEndsTheServerAndItsChildren() throws Exception {
        Path dir = Files.createTempDirectory("managed");
        ManagedProcess p = ManagedProcess.start("sleep", List.of("sleep", "300"), Map.of(), dir, dir.resolve("log"),
                Lifetime.TIED_TO_THIS_JVM, StopSignal.TERM, false);
        Thread.sleep(300);
        List<ProcessHandle> tree = ProcessHandle.of(p.pid()).orElseThrow().descendants().toList();
        assertTrue(tree.stream().anyMatch(h -> h.info().command().orElse("").endsWith("sleep")),
                "the watcher runs the command: " + tree);
        p.stop(Duration.ofSeconds(5));
        assertFalse(p.isAlive());
        Thread.sleep(200);
        for (ProcessHandle h : tree) {
            assertFalse(h.isAlive(), "left running after stop: " + h.info());
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
