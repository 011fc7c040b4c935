package dev.openpsi.cli;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the local stack lives ({@code .openpsi/} in the project root) and on which loopback
 * ports its parts listen.
 */
record StackLayout(Path home, Ports ports) {

    /** Fixed loopback ports of the local stack. */
    record Ports(int postgres, int kafka, int kafkaController, int keycloak, int keycloakManagement) {
        static Ports defaults() {
            return new Ports(15432, 9092, 9093, 8180, 8190);
        }
    }

    /** The services in start order with their fixed ports (8081..8087). */
    static final List<ServicePort> SERVICES = List.of(
            new ServicePort("cloudlink-daemon", 8081),
            new ServicePort("osv-adapter", 8082),
            new ServicePort("zoom-sync", 8083),
            new ServicePort("sbc-adapter", 8084),
            new ServicePort("push-notifier", 8085),
            new ServicePort("vvm-transcript", 8086),
            new ServicePort("e911-locator", 8087));

    record ServicePort(String name, int port) {
        String url() {
            return "http://127.0.0.1:" + port;
        }
    }

    Path state() {
        return home.resolve(".openpsi");
    }

    Path data() {
        return state().resolve("data");
    }

    Path logs() {
        return state().resolve("logs");
    }

    Path pids() {
        return state().resolve("pids");
    }

    Path serviceJar(String service) {
        return home.resolve("services").resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    String keycloakUrl() {
        return "http://127.0.0.1:" + ports.keycloak();
    }
}
