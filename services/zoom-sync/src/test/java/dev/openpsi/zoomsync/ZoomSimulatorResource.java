package dev.openpsi.zoomsync;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.openpsi.testkit.zoom.ZoomSimulator;

/** A Zoom simulator (a real HTTP server) per test class; zoom-sync is pointed at it. */
public class ZoomSimulatorResource implements QuarkusTestResourceLifecycleManager {

    private static volatile ZoomSimulator current;

    /** The simulator of the running test class. */
    public static ZoomSimulator simulator() {
        return current;
    }

    @Override
    public Map<String, String> start() {
        current = new ZoomSimulator().start();
        return Map.of("openpsi.zoom.api-url", current.baseUrl(), "openpsi.zoom.oauth-url", current.oauthUrl());
    }

    @Override
    public void stop() {
        if (current != null) {
            current.close();
        }
    }
}
