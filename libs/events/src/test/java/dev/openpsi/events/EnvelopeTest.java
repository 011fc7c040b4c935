package dev.openpsi.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EnvelopeTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static final UUID ID = UUID.fromString("6f1c1c1e-2a55-4c1e-9a5e-5b0f3b0d9c11");

    private static Envelope full() {
        return new Envelope(ID, ServiceName.OSV_ADAPTER.source(), EventTypes.MESSAGE_WAITING_CHANGED.ceType(),
                Instant.parse("2025-03-04T09:15:02.123456Z"), "+4989700712345", "acme-gmbh", TRACEPARENT,
                UUID.fromString("0b9b6d8e-7a6c-4a43-b1f0-2f6d4c7e8a90"),
                UUID.fromString("1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"));
    }

    private static Headers headersOf(Envelope envelope) {
        Headers headers = new RecordHeaders();
        envelope.toHeaders(headers);
        return headers;
    }

    @Test
    void roundTripsEveryFieldThroughKafkaHeaders() {
        Envelope envelope = full();
        Headers headers = headersOf(envelope);

        assertEquals(envelope, Envelope.fromHeaders(headers));
        assertEquals("1.0", value(headers, CloudEventHeaders.SPEC_VERSION));
        assertEquals("application/json", value(headers, CloudEventHeaders.CONTENT_TYPE));
        assertEquals("2025-03-04T09:15:02.123456Z", value(headers, CloudEventHeaders.TIME));
        assertEquals("dev.openpsi.mwi.MessageWaitingChanged.v1", value(headers, CloudEventHeaders.TYPE));
        assertEquals(ID.toString(), value(headers, CloudEventHeaders.ID));
        assertEquals("acme-gmbh", value(headers, CloudEventHeaders.ACCOUNT));
    }

    @Test
    void roundTripsWithoutOptionalFieldsAndWritesNoHeaderForThem() {
        Envelope minimal = new Envelope(ID, "/openpsi/zoom-sync", EventTypes.LICENSE_ASSIGNED.ceType(),
                Instant.parse("2025-03-04T09:15:02Z"), null, "acme-gmbh", null, null, null);
        Headers headers = headersOf(minimal);

        assertEquals(minimal, Envelope.fromHeaders(headers));
        assertNull(headers.lastHeader(CloudEventHeaders.SUBJECT));
        assertNull(headers.lastHeader(CloudEventHeaders.TRACEPARENT));
        assertNull(headers.lastHeader(CloudEventHeaders.REPLAY_ID));
        assertFalse(minimal.isReplay());
    }

    @Test
    void writesUtf8AndReplacesInsteadOfRepeatingHeaders() {
        Headers headers = new RecordHeaders();
        headers.add(CloudEventHeaders.ID, "stale".getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.SUBJECT, "stale".getBytes(StandardCharsets.UTF_8));
        Envelope envelope = new Envelope(ID, "/openpsi/vvm-transcript", EventTypes.MESSAGE_WAITING_CHANGED.ceType(),
                Instant.parse("2025-03-04T09:15:02Z"), "jürgen.weiß@acme.example.com", "acme-gmbh", null, null, null);

        envelope.toHeaders(headers);

        assertEquals(1, count(headers, CloudEventHeaders.ID));
        assertArrayEquals("jürgen.weiß@acme.example.com".getBytes(StandardCharsets.UTF_8),
                headers.lastHeader(CloudEventHeaders.SUBJECT).value());
        assertEquals(envelope, Envelope.fromHeaders(headers));
    }

    @ParameterizedTest
    @ValueSource(strings = {CloudEventHeaders.ID, CloudEventHeaders.SOURCE, CloudEventHeaders.TYPE,
            CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.TIME, CloudEventHeaders.ACCOUNT})
    void aMissingRequiredHeaderIsNamed(String header) {
        Headers headers = headersOf(full());
        headers.remove(header);

        MalformedEventException e = assertThrows(MalformedEventException.class, () -> Envelope.fromHeaders(headers));

        assertTrue(e.getMessage().contains(header), e.getMessage());
        assertEquals(DeadLetterReason.MALFORMED_ENVELOPE, e.reason());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ce_id             | 42",
            "ce_id             | 1-1-1-1-1",
            "ce_time           | yesterday",
            "ce_time           | 2025-03-04T09:15Z",
            "ce_time           | 2025-02-30T09:15:02Z",
            "ce_specversion    | 0.3",
            "ce_type           | MessageWaitingChanged",
            "traceparent       | 00-xyz-00f067aa0ba902b7-01",
            "openpsi_replay_id | not-a-uuid",
            "content-type      | text/plain",
            "openpsi_account   | '   '"})
    void anUnparsableHeaderIsNamed(String header, String value) {
        Headers headers = headersOf(full());
        CloudEventHeaders.put(headers, header, value);

        MalformedEventException e = assertThrows(MalformedEventException.class, () -> Envelope.fromHeaders(headers));

        assertTrue(e.getMessage().contains(header), e.getMessage());
    }

    @Test
    void acceptsRfc3339TimesWithOffsetAndJsonWithCharset() {
        Headers headers = headersOf(full());
        CloudEventHeaders.put(headers, CloudEventHeaders.TIME, "2025-03-04T10:15:02+01:00");
        CloudEventHeaders.put(headers, CloudEventHeaders.CONTENT_TYPE, "application/json; charset=utf-8");

        assertEquals(Instant.parse("2025-03-04T09:15:02Z"), Envelope.fromHeaders(headers).time());
    }

    @Test
    void replayIdAndReplayOfComeTogether() {
        Headers headers = headersOf(full());
        headers.remove(CloudEventHeaders.REPLAY_OF);

        MalformedEventException e = assertThrows(MalformedEventException.class, () -> Envelope.fromHeaders(headers));
        assertTrue(e.getMessage().contains(CloudEventHeaders.REPLAY_OF), e.getMessage());
    }

    @Test
    void aReplayKeepsTheEventsIdAndNamesTheReplay() {
        Envelope original = Envelope.create(ServiceName.OSV_ADAPTER, EventTypes.CALL_LOG_RECORDED, "acme-gmbh",
                "+4989700712345", Traceparent.parse(TRACEPARENT));
        UUID replayId = UUID.randomUUID();

        Envelope replay = original.asReplay(replayId);

        assertTrue(replay.isReplay());
        assertEquals(original.id(), replay.id(), "the event is sent unchanged");
        assertEquals(original.id(), replay.replayOf());
        assertEquals(replayId, replay.replayId());
        assertEquals(original.time(), replay.time());
        assertEquals(replay, Envelope.fromHeaders(headersOf(replay)));
    }

    @Test
    void createContinuesTheCallersTraceOrStartsOne() {
        Traceparent parent = Traceparent.parse(TRACEPARENT);

        Envelope child = Envelope.create(ServiceName.ZOOM_SYNC, EventTypes.ZOOM_USER_LINKED, "acme-gmbh",
                "anna@acme.example.com", parent);
        Envelope root = Envelope.create(ServiceName.ZOOM_SYNC, EventTypes.ZOOM_USER_LINKED, "acme-gmbh",
                "anna@acme.example.com");

        assertEquals(parent.traceId(), child.traceContext().orElseThrow().traceId());
        assertNotEquals(parent.parentId(), child.traceContext().orElseThrow().parentId());
        assertTrue(root.traceContext().isPresent());
        assertEquals("/openpsi/zoom-sync", child.source());
        assertEquals(EventTypes.ZOOM_USER_LINKED.ceType(), child.type());
        assertEquals(new CeType("provisioning", "ZoomUserLinked", 1), child.ceType());
    }

    @Test
    void theConstructorRefusesAnInvalidEnvelopeToo() {
        assertThrows(MalformedEventException.class, () -> new Envelope(ID, "/openpsi/osv-adapter",
                "dev.openpsi.mwi.MessageWaitingChanged.v1", Instant.now(), null, null, null, null, null));
        assertThrows(MalformedEventException.class, () -> new Envelope(ID, "/openpsi/osv-adapter",
                "dev.openpsi.mwi.MessageWaitingChanged.v1", Instant.now(), null, "acme", "00-bad", null, null));
    }

    private static String value(Headers headers, String name) {
        return CloudEventHeaders.get(headers, name).orElseThrow();
    }

    private static long count(Headers headers, String name) {
        List<?> all = StreamSupport.stream(headers.headers(name).spliterator(), false).toList();
        return all.size();
    }
}
