package dev.openpsi.testkit.infra;

import java.nio.file.Path;

/** The java binary of the running JVM, so child JVMs use the same runtime. */
final class JavaLauncher {

    private JavaLauncher() {
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
