package dev.openpsi.cli;

import java.nio.file.Path;

/** The java binary of this JVM, so the services run on the same runtime as the CLI. */
final class JavaRuntime {

    private JavaRuntime() {
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
