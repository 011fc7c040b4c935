package dev.openpsi.osvadapter;

import io.quarkus.test.junit.QuarkusTest;

import dev.openpsi.testkit.quarkus.ServiceBaseline;

/** osv-adapter keeps the promises every openpsi service makes (health, metrics, OpenAPI, token and account rules). */
@QuarkusTest
class OsvAdapterBaselineTest extends ServiceBaseline {
}
