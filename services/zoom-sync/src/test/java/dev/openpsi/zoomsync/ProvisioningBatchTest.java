package dev.openpsi.zoomsync;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.openpsi.events.Envelope;
import dev.openpsi.events.EventTypes;
import dev.openpsi.events.ServiceName;
import dev.openpsi.events.payload.provisioning.SipAccount;
import dev.openpsi.events.payload.provisioning.ZoomUserLinked;
import dev.openpsi.events.payload.registration.ConfigurationChange;
import dev.openpsi.events.payload.registration.SbcConfigurationChanged;
import dev.openpsi.events.payload.registration.SipTransport;
import dev.openpsi.security.SecretCipher;
import dev.openpsi.security.TransitCiphers;
import dev.openpsi.testkit.events.TestEvents;
import dev.openpsi.testkit.zoom.ZoomSimulator;
import dev.openpsi.zoomsync.service.ProvisioningWorker;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * DOMAIN.md: users are added to the Zoom PSI integration at most 50 at a time. With 120 users due,
 * one worker round provisions 50 of them in Zoom and leaves the other 70 queued; the rest follow in
 * the next rounds (50, then 20). The test drives the rounds itself (the worker thread is off).
 */
@QuarkusTest
@TestProfile(ProvisioningBatchTest.RoundsDrivenByTheTest.class)
@WithTestResource(value = ZoomSimulatorResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class ProvisioningBatchTest {

    private static final int USERS = 120;
    private static final int BATCH = 50;

    /** The worker thread is off, so each round is one call of {@link ProvisioningWorker#round()}. */
    public static class RoundsDrivenByTheTest implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("openpsi.zoom.provisioning.worker-enabled", "false");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "openpsi.zoom.provisioning.batch-size")
    int batchSize;

    @Inject
    ProvisioningWorker worker;
    @Inject
    Pool pool;
    @Inject
    TransitCiphers transit;

    @Test
    void oneRoundProvisionsAtMostFiftyUsersAndTheRestFollowInLaterRounds() {
        assertEquals(BATCH, batchSize, "the product's limit is the default");
        String account = ZoomFixture.freshAccount("batch");
        String sbcId = UUID.randomUUID().toString();
        ZoomSimulator sim = ZoomFixture.tenant(account);
        ZoomFixture.connectServerToServer(account).then().statusCode(200).body("oauthStatus", equalTo("Authorized"));
        TestEvents.publish(bootstrap, ServiceName.SBC_ADAPTER, EventTypes.SBC_CONFIGURATION_CHANGED,
                new SbcConfigurationChanged(account, sbcId, "Main SBC", "sbc." + account + ".example", 65061,
                        SipTransport.TLS, ConfigurationChange.CREATED));
        ZoomFixture.await(Duration.ofSeconds(60), () -> count("select count(*) from sbc_configuration where account = $1",
                account) == 1);
        // Jobs earlier test classes left behind (the database outlives their apps) would share the rounds
        // counted below: work them off first, also those waiting for a retry. A job locked by a stopped app
        // stays locked for minutes and is no candidate for the next rounds either.
        ZoomFixture.await(Duration.ofMinutes(3), () -> {
            worker.round();
            return count("""
                    select count(*) from provisioning_job where account <> $1
                       and (locked_until is null or locked_until < now() + interval '2 minutes')""", account) == 0;
        });

        SecretCipher osvAdapterSide = transit.forRecipient(SipAccount.RECIPIENT);
        List<ProducerRecord<String, byte[]>> links = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            String email = "user" + i + "@" + account + ".example";
            sim.addUser(account, email, "User", "No" + i);
            ZoomUserLinked linked = new ZoomUserLinked(account, email, "User", "No" + i, "+49897007" + (10000 + i), sbcId,
                    null, new SipAccount("osv.example", "u" + i,
                            osvAdapterSide.seal("pw-" + i, SipAccount.sealingContext(account, email))));
            Envelope envelope = TestEvents.envelope(ServiceName.OSV_ADAPTER, EventTypes.ZOOM_USER_LINKED, linked);
            links.add(TestEvents.record(EventTypes.ZOOM_USER_LINKED, envelope, linked));
        }
        TestEvents.send(bootstrap, links);
        ZoomFixture.await(Duration.ofSeconds(90), () -> queued(account) == USERS);

        long gets = sim.requestCount(ZoomSimulator.GET_USER);
        int[] expectedRounds = {50, 50, 20};
        int provisioned = 0;
        for (int expected : expectedRounds) {
            int claimed = worker.round();
            provisioned += expected;
            assertEquals(expected, claimed, "jobs claimed by one round");
            assertEquals(provisioned, sim.requestCount(ZoomSimulator.GET_USER) - gets, "users looked up in Zoom so far");
            assertEquals(2 * provisioned, sim.sipPhones(account).size(), "desktop and mobile SIP phones in Zoom so far");
            assertEquals(provisioned, count("select count(*) from psi_user where account = $1 and status = 'Idle'", account));
            assertEquals(USERS - provisioned, queued(account), "still queued for later rounds");
        }
        assertEquals(0, worker.round(), "nothing left");
        System.out.printf("%d users provisioned in rounds of %s%n", USERS, java.util.Arrays.toString(expectedRounds));
    }

    private long queued(String account) {
        return count("select count(*) from provisioning_job where account = $1", account);
    }

    private long count(String sql, String account) {
        return pool.preparedQuery(sql).execute(Tuple.of(account)).await().indefinitely().iterator().next().getLong(0);
    }
}
