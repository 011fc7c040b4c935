package dev.openpsi.pushnotifier;

import io.quarkus.test.junit.QuarkusTest;

import dev.openpsi.testkit.quarkus.ServiceBaseline;

/** push-notifier keeps the promises every openpsi service makes (health, metrics, OpenAPI, token and account rules). */
@QuarkusTest
class PushNotifierBaselineTest extends ServiceBaseline {
}
