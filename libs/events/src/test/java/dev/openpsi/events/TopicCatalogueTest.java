package dev.openpsi.events;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TopicCatalogueTest {

    private static final Pattern TOPIC_NAME = Pattern.compile("^openpsi\\.[a-z0-9-]+(\\.[a-z0-9-]+)*$");

    @Test
    void catalogueHoldsEveryStreamItsDlqAndOneReplayTopicPerService() {
        List<TopicSpec> all = TopicCatalogue.all();

        assertEquals(25, all.size()); // 9 streams + 9 DLQs + 7 replay topics
        assertEquals(9, count(all, TopicSpec.Kind.STREAM));
        assertEquals(9, count(all, TopicSpec.Kind.DLQ));
        assertEquals(7, count(all, TopicSpec.Kind.REPLAY));
    }

    @Test
    void everyNameIsLowercaseDottedWithoutUnderscoresAndUnique() {
        Set<String> seen = new HashSet<>();
        for (TopicSpec spec : TopicCatalogue.all()) {
            assertTrue(TOPIC_NAME.matcher(spec.name()).matches(), () -> "bad topic name " + spec.name());
            assertFalse(spec.name().contains("_"), spec.name());
            assertTrue(seen.add(spec.name()), () -> "duplicate topic name " + spec.name());
        }
    }

    @Test
    void streamNamesAreThoseOfTheArchitecture() {
        assertEquals(List.of("openpsi.provisioning.v1", "openpsi.mwi.v1", "openpsi.call-log.v1",
                        "openpsi.telephony.v1", "openpsi.voicemail.v1", "openpsi.registration.v1", "openpsi.push.v1",
                        "openpsi.emergency.v1", "openpsi.platform.v1"),
                List.of(Topic.values()).stream().map(Topic::topicName).toList());
        assertEquals("account/email", Topic.PROVISIONING.keyMeaning());
        assertEquals("account/DN", Topic.MWI.keyMeaning());
        assertEquals("account/mailbox", Topic.VOICEMAIL.keyMeaning());
        assertEquals("account/component", Topic.PLATFORM.keyMeaning());
    }

    @ParameterizedTest
    @EnumSource(Topic.class)
    void fromNameRecognisesAStreamAndItsDlq(Topic topic) {
        assertEquals(topic.topicName() + ".dlq", topic.dlqName());
        assertEquals(Optional.of(topic), Topic.fromName(topic.topicName()));
        assertEquals(Optional.of(topic), Topic.fromName(topic.dlqName()));
        assertTrue(Topic.isDlqName(topic.dlqName()));
        assertFalse(Topic.isDlqName(topic.topicName()));
        assertEquals(Optional.of(topic), Topic.fromStream(topic.stream()));
    }

    @Test
    void fromNameRejectsEverythingElse() {
        assertEquals(Optional.empty(), Topic.fromName("openpsi.mwi.v2"));
        assertEquals(Optional.empty(), Topic.fromName("openpsi.mwi.v1.dlq.dlq"));
        assertEquals(Optional.empty(), Topic.fromName("openpsi.replay.osv-adapter"));
        assertEquals(Optional.empty(), Topic.fromName("OPENPSI.MWI.V1"));
        assertEquals(Optional.empty(), Topic.fromName(""));
        assertEquals(Optional.empty(), Topic.fromName(null));
    }

    @Test
    void streamDlqAndReplaySpecsCarryTheirOwnRetentionAndPartitions() {
        TopicSpec stream = TopicCatalogue.byName("openpsi.call-log.v1").orElseThrow();
        TopicSpec dlq = TopicCatalogue.byName("openpsi.call-log.v1.dlq").orElseThrow();
        TopicSpec replay = TopicCatalogue.byName("openpsi.replay.vvm-transcript").orElseThrow();

        assertAll(
                () -> assertEquals(TopicSpec.Kind.STREAM, stream.kind()),
                () -> assertEquals(Duration.ofDays(7), stream.retention()),
                () -> assertEquals(Topic.CALL_LOG.partitions(), stream.partitions()),
                () -> assertEquals("account/DN", stream.keyMeaning()),
                () -> assertEquals(TopicSpec.Kind.DLQ, dlq.kind()),
                () -> assertEquals(Duration.ofDays(30), dlq.retention()),
                () -> assertEquals("account/DN", dlq.keyMeaning()),
                () -> assertEquals(TopicSpec.Kind.REPLAY, replay.kind()),
                () -> assertEquals("delete", replay.cleanupPolicy()));
        assertEquals(Optional.empty(), TopicCatalogue.byName("openpsi.unknown.v1"));
    }

    @Test
    void topicConfigGivesRetentionInMillisAndCleanupPolicyOnly() {
        Map<String, String> config = TopicCatalogue.topicConfig(TopicCatalogue.dlq(Topic.MWI));

        assertEquals(Map.of("retention.ms", Long.toString(30L * 24 * 60 * 60 * 1000), "cleanup.policy", "delete"),
                config);
        assertFalse(config.containsKey("min.insync.replicas"));
    }

    @Test
    void serviceNamesGiveSourceAndReplayTopic() {
        assertEquals(7, ServiceName.values().length);
        assertEquals("osv-adapter", ServiceName.OSV_ADAPTER.id());
        assertEquals("/openpsi/osv-adapter", ServiceName.OSV_ADAPTER.source());
        assertEquals("openpsi.replay.e911-locator", ServiceName.E911_LOCATOR.replayTopic());
        assertEquals(Optional.of(ServiceName.ZOOM_SYNC), ServiceName.fromId("zoom-sync"));
        assertEquals(Optional.of(ServiceName.PUSH_NOTIFIER), ServiceName.fromSource("/openpsi/push-notifier"));
        assertEquals(Optional.of(ServiceName.SBC_ADAPTER), ServiceName.fromReplayTopic("openpsi.replay.sbc-adapter"));
        assertEquals(Optional.empty(), ServiceName.fromId("ZOOM_SYNC"));
    }

    @Test
    void keysPutTheAccountFirstAndRefuseAmbiguousAccounts() {
        assertEquals("acme/anna@acme.example.com", Topic.PROVISIONING.key("acme", "anna@acme.example.com"));
        assertThrows(IllegalArgumentException.class, () -> EventKeys.of("acme/eu", "x"));
        assertThrows(IllegalArgumentException.class, () -> EventKeys.of("acme", " "));
    }

    @Test
    void topicSpecRefusesNonsense() {
        assertThrows(IllegalArgumentException.class,
                () -> new TopicSpec("openpsi.x.v1", 0, Duration.ofDays(1), "delete", "k", TopicSpec.Kind.STREAM));
        assertThrows(IllegalArgumentException.class,
                () -> new TopicSpec("openpsi.x.v1", 1, Duration.ZERO, "delete", "k", TopicSpec.Kind.STREAM));
    }

    private static long count(List<TopicSpec> specs, TopicSpec.Kind kind) {
        return specs.stream().filter(s -> s.kind() == kind).count();
    }
}
