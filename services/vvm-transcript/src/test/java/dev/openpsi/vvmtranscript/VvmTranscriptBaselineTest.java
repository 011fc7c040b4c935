package dev.openpsi.vvmtranscript;

import io.quarkus.test.junit.QuarkusTest;

import dev.openpsi.testkit.quarkus.ServiceBaseline;

/** vvm-transcript keeps the promises every openpsi service makes (health, metrics, OpenAPI, token and account rules). */
@QuarkusTest
class VvmTranscriptBaselineTest extends ServiceBaseline {
}
