package dev.openpsi.e911locator;

import io.quarkus.test.junit.QuarkusTest;

import dev.openpsi.testkit.quarkus.ServiceBaseline;

/** e911-locator keeps the promises every openpsi service makes (health, metrics, OpenAPI, token and account rules). */
@QuarkusTest
class E911LocatorBaselineTest extends ServiceBaseline {
}
