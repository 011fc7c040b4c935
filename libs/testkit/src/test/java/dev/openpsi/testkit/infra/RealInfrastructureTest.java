package dev.openpsi.testkit.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import dev.openpsi.events.Topic;
import dev.openpsi.events.TopicCatalogue;
import dev.openpsi.events.TopicSpec;
import dev.openpsi.testkit.keycloak.TokenClient;

/** The kit's servers are the real ones: a Kafka broker, PostgreSQL and Keycloak answering their own protocols. */
class RealInfrastructureTest {

    @Test
    void kafkaBrokerHoldsTheCatalogueAndCarriesRecords() throws Exception {
        KafkaEndpoint kafka = Infra.kafka();
        try (Admin admin = kafka.admin()) {
            Set<String> topics = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            for (TopicSpec spec : TopicCatalogue.all()) {
                assertTrue(topics.contains(spec.name()), "missing catalogue topic " + spec.name());
            }
            int partitions = admin.describeTopics(List.of(Topic.MWI.topicName())).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(Topic.MWI.topicName()).partitions().size();
            assertEquals(Topic.MWI.partitions(), partitions);
        }
        String key = "acme/+4989700" + (1000 + (int) (Math.random() * 8999));
        String value = "hello-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topic.MWI.topicName(), key, value)).get(30, TimeUnit.SECONDS);
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "testkit-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topic.MWI.topicName()));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            boolean seen = false;
            while (!seen && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    seen |= key.equals(r.key()) && value.equals(r.value());
                }
            }
            assertTrue(seen, "the record produced was not consumed back");
        }
    }

    @Test
    void postgresIsARealServerWithPasswordLogins() throws Exception {
        PostgresEndpoint pg = Infra.postgres();
        pg.createDatabase("testkit_check");
        pg.createDatabase("testkit_check"); // idempotent
        try (Connection c = pg.connect("testkit_check"); Statement s = c.createStatement()) {
            s.execute("create table if not exists t (id int primary key, v text)");
            s.execute("insert into t values (1, 'x') on conflict (id) do update set v = excluded.v");
            try (ResultSet rs = s.executeQuery("select current_setting('server_version_num')::int, (select v from t where id = 1)")) {
                assertTrue(rs.next());
                assertTrue(rs.getInt(1) >= 150000, "PostgreSQL 15 or newer");
                assertEquals("x", rs.getString(2));
            }
        }
        boolean wrongPasswordRefused;
        try (Connection ignored = new PostgresEndpoint(pg.host(), pg.port(), pg.user(), "wrong").connect("postgres")) {
            wrongPasswordRefused = false;
        } catch (java.sql.SQLException e) {
            wrongPasswordRefused = true;
        }
        assertTrue(wrongPasswordRefused, "scram-sha-256 authentication must refuse a wrong password");
    }

    @Test
    void keycloakIssuesTokensOfTheOpenpsiRealm() {
        KeycloakEndpoint keycloak = Infra.keycloak();
        String token = new TokenClient(keycloak.realmUrl()).passwordGrant("openpsi-cli", "admin@acme.example", "demo");
        Map<String, Object> claims = TokenClient.claims(token);
        assertEquals(keycloak.realmUrl(), claims.get("iss"));
        assertEquals("acme", claims.get("account"));
        assertTrue(TokenClient.realmRoles(claims).contains("account-admin"));
        assertTrue(TokenClient.audiences(claims).contains("openpsi"));
    }
}
