package dev.openpsi.zoomsync;

import io.quarkus.test.junit.QuarkusTest;

import dev.openpsi.testkit.quarkus.ServiceBaseline;

/** zoom-sync keeps the promises every openpsi service makes (health, metrics, OpenAPI, token and account rules). */
@QuarkusTest
class ZoomSyncBaselineTest extends ServiceBaseline {
}
