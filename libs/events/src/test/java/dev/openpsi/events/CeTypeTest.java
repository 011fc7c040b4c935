package dev.openpsi.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CeTypeTest {

    @Test
    void parsesStreamEventAndVersion() {
        CeType type = CeType.parse("dev.openpsi.call-log.CallLogRecorded.v1");

        assertEquals(new CeType("call-log", "CallLogRecorded", 1), type);
        assertEquals("dev.openpsi.call-log.CallLogRecorded.v1", type.value());
        assertEquals(12, CeType.parse("dev.openpsi.mwi.MessageWaitingChanged.v12").version());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "dev.openpsi.mwi.MessageWaitingChanged",
            "dev.openpsi.mwi.MessageWaitingChanged.v0",
            "dev.openpsi.mwi.MessageWaitingChanged.V1",
            "dev.openpsi.mwi.MessageWaitingChanged.v01",
            "dev.openpsi.mwi.messageWaitingChanged.v1",
            "dev.openpsi.MWI.MessageWaitingChanged.v1",
            "dev.openpsi.call_log.CallLogRecorded.v1",
            "dev.openpsi.mwi.Message.Waiting.v1",
            "com.example.mwi.MessageWaitingChanged.v1",
            "dev.openpsi.mwi.MessageWaitingChanged.v1 ",
            "openpsi.mwi.v1"})
    void rejectsWrongSyntaxAsMalformed(String value) {
        MalformedEventException e = assertThrows(MalformedEventException.class, () -> CeType.parse(value));
        assertEquals(DeadLetterReason.MALFORMED_ENVELOPE, e.reason());
        assertTrue(e.getMessage().contains("ce_type"), e.getMessage());
    }

    @Test
    void registryResolvesEveryTypeAndEachIsConsistentWithItsTopic() {
        Set<String> ceTypes = new HashSet<>();
        for (EventType<?> type : EventTypes.all()) {
            CeType parsed = CeType.parse(type.ceType());
            assertEquals(type.topic().stream(), parsed.stream());
            assertEquals(type.name(), parsed.event());
            assertEquals(type.version(), parsed.version());
            assertEquals(type.payloadClass().getSimpleName(), type.name());
            assertEquals("/schemas/" + type.topic().stream() + "/" + type.name() + ".v1.json", type.schemaResource());
            assertTrue(ceTypes.add(type.ceType()), "duplicate " + type);
            assertEquals(Optional.of(type), EventTypes.byCeType(type.ceType()));
            assertEquals(type, EventTypes.resolve(type.ceType()));
        }
        assertEquals(17, ceTypes.size());
        assertEquals(List.of(EventTypes.COMPONENT_STATUS_CHANGED, EventTypes.SETTINGS_CHANGED,
                EventTypes.INTEGRATION_STATUS_CHANGED), EventTypes.byTopic(Topic.PLATFORM));
        assertEquals("acme-gmbh/integration:zoom", EventTypes.INTEGRATION_STATUS_CHANGED.key(
                EventSamples.of(EventTypes.INTEGRATION_STATUS_CHANGED)));
        assertEquals(List.of(EventTypes.FORWARDING_CHANGED, EventTypes.DO_NOT_DISTURB_CHANGED),
                EventTypes.byTopic(Topic.TELEPHONY));
        assertEquals("dev.openpsi.mwi.MessageWaitingChanged.v1", EventTypes.MESSAGE_WAITING_CHANGED.ceType());
    }

    @Test
    void unknownStreamOrEventIsUnknownType() {
        UnknownEventTypeException stream = assertThrows(UnknownEventTypeException.class,
                () -> EventTypes.resolve("dev.openpsi.fax.FaxReceived.v1"));
        UnknownEventTypeException event = assertThrows(UnknownEventTypeException.class,
                () -> EventTypes.resolve("dev.openpsi.mwi.MailboxExploded.v1"));

        assertEquals(DeadLetterReason.UNKNOWN_EVENT_TYPE, stream.reason());
        assertTrue(stream.getMessage().contains("fax"), stream.getMessage());
        assertTrue(event.getMessage().contains("MailboxExploded"), event.getMessage());
        assertEquals(Optional.empty(), EventTypes.byCeType("dev.openpsi.mwi.MailboxExploded.v1"));
    }

    @Test
    void knownEventInAnotherVersionIsUnsupportedVersion() {
        UnsupportedEventVersionException e = assertThrows(UnsupportedEventVersionException.class,
                () -> EventTypes.resolve("dev.openpsi.mwi.MessageWaitingChanged.v7"));

        assertEquals(DeadLetterReason.UNSUPPORTED_VERSION, e.reason());
        assertEquals(List.of(1), e.supportedVersions());
        assertEquals("dev.openpsi.mwi.MessageWaitingChanged.v7", e.ceType());
    }

    @Test
    void subjectAndKeyFollowTheStreamsKeyMeaning() {
        assertEquals("acme-gmbh/anna.schmidt@acme.example.com",
                EventTypes.ZOOM_USER_LINKED.key(EventSamples.of(EventTypes.ZOOM_USER_LINKED)));
        assertEquals("acme-gmbh/+4989700712345",
                EventTypes.MESSAGE_WAITING_CHANGED.key(EventSamples.of(EventTypes.MESSAGE_WAITING_CHANGED)));
        assertEquals("osv-node-a",
                EventTypes.COMPONENT_STATUS_CHANGED.subject(EventSamples.of(EventTypes.COMPONENT_STATUS_CHANGED)));
        for (EventType<?> type : EventTypes.all()) {
            assertTrue(keyOf(type).startsWith(EventSamples.ACCOUNT + "/"), type::ceType);
        }
    }

    private static <P extends Record> String keyOf(EventType<P> type) {
        return type.key(EventSamples.of(type));
    }
}
