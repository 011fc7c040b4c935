package dev.openpsi.cloudlinkdaemon;

import io.quarkus.test.junit.QuarkusTest;

import dev.openpsi.testkit.quarkus.ServiceBaseline;

/** cloudlink-daemon keeps the promises every openpsi service makes (health, metrics, OpenAPI, token and account rules). */
@QuarkusTest
class CloudlinkDaemonBaselineTest extends ServiceBaseline {
}
