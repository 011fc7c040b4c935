package dev.openpsi.sbcadapter;

import io.quarkus.test.junit.QuarkusTest;

import dev.openpsi.testkit.quarkus.ServiceBaseline;

/** sbc-adapter keeps the promises every openpsi service makes (health, metrics, OpenAPI, token and account rules). */
@QuarkusTest
class SbcAdapterBaselineTest extends ServiceBaseline {
}
