package dev.openpsi.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.openpsi.events.payload.mwi.MessageWaitingChanged;
import dev.openpsi.events.payload.provisioning.SipAccount;
import dev.openpsi.events.payload.provisioning.ZoomUserLinked;

class EventCodecTest {

    private static final EventCodec CODEC = new EventCodec();

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> samples() {
        return EventSamples.arguments();
    }

    @Test
    void everyEventTypeHasASample() {
        assertEquals(EventTypes.all(), List.copyOf(EventSamples.all().keySet()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    <P extends Record> void roundTripsTheSample(String ceType, EventType<P> type, P sample) {
        byte[] value = CODEC.encode(type, sample);

        DecodedEvent<?> decoded = CODEC.decode(ceType, value);

        assertSame(type, decoded.type());
        assertEquals(sample, decoded.payload());
        assertEquals(sample, decoded.payloadAs(type));
        assertEquals(componentNames(type.payloadClass()), fieldNames(decoded.json()));
        assertEquals(EventSamples.ACCOUNT, decoded.json().get("account").asText());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    <P extends Record> void acceptsEveryValueOfEveryEnumField(String ceType, EventType<P> type, P sample)
            throws ReflectiveOperationException {
        RecordComponent[] components = type.payloadClass().getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            if (!components[i].getType().isEnum()) {
                continue;
            }
            for (Object constant : components[i].getType().getEnumConstants()) {
                P variant = with(type.payloadClass(), sample, i, constant);
                assertEquals(variant, CODEC.decode(ceType, CODEC.encode(type, variant)).payload(),
                        () -> ceType + " with " + constant);
            }
        }
    }

    @Test
    void writesIsoTimestampsAndJsonNamesOfEnums() throws Exception {
        JsonNode json = CODEC.objectMapper().readTree(
                CODEC.encode(EventTypes.CALL_LOG_RECORDED, EventSamples.of(EventTypes.CALL_LOG_RECORDED)));

        assertEquals("2025-03-04T09:15:09.250Z", json.get("answeredAt").asText());
        assertEquals("inbound", json.get("direction").asText());
        assertEquals("answered", json.get("disposition").asText());
        JsonNode failed = CODEC.objectMapper().readTree(
                CODEC.encode(EventTypes.PROVISIONING_FAILED, EventSamples.of(EventTypes.PROVISIONING_FAILED)));
        assertEquals("ZoomUserStatusPending", failed.get("reasonCode").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"account\":", "not json", "{\"account\":\"acme\"} trailing", "\u0000"})
    void badJsonIsMalformedJson(String value) {
        MalformedJsonException e = assertThrows(MalformedJsonException.class,
                () -> CODEC.decode(EventTypes.MESSAGE_WAITING_CHANGED.ceType(), value.getBytes(StandardCharsets.UTF_8)));

        assertEquals(DeadLetterReason.MALFORMED_JSON, e.reason());
    }

    @Test
    void aMissingValueIsMalformedJsonNotANull() {
        String ceType = EventTypes.MESSAGE_WAITING_CHANGED.ceType();

        assertThrows(MalformedJsonException.class, () -> CODEC.decode(ceType, null));
        assertThrows(MalformedJsonException.class, () -> CODEC.decode(ceType, new byte[0]));
        assertThrows(MalformedJsonException.class, () -> CODEC.decode(ceType, "   ".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void duplicateKeysAreMalformedJson() {
        String json = "{\"account\":\"acme\",\"account\":\"evil\",\"dn\":\"+4989700712345\"}";

        assertThrows(MalformedJsonException.class, () -> CODEC.decode(EventTypes.DO_NOT_DISTURB_CHANGED.ceType(),
                json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void decodingTypeErrorsAreTyped() {
        byte[] value = CODEC.encode(EventTypes.MESSAGE_WAITING_CHANGED, EventSamples.of(EventTypes.MESSAGE_WAITING_CHANGED));

        assertEquals(DeadLetterReason.UNKNOWN_EVENT_TYPE, assertThrows(UnknownEventTypeException.class,
                () -> CODEC.decode("dev.openpsi.mwi.MailboxExploded.v1", value)).reason());
        assertEquals(DeadLetterReason.UNSUPPORTED_VERSION, assertThrows(UnsupportedEventVersionException.class,
                () -> CODEC.decode("dev.openpsi.mwi.MessageWaitingChanged.v7", value)).reason());
        assertEquals(DeadLetterReason.MALFORMED_ENVELOPE, assertThrows(MalformedEventException.class,
                () -> CODEC.decode("MessageWaitingChanged", value)).reason());
    }

    @Test
    void decodeRejectsASchemaViolationNamingTheField() throws Exception {
        ObjectNode json = sampleJson(EventTypes.MESSAGE_WAITING_CHANGED);
        json.put("dn", "089 7007 12345");
        json.put("newMessages", -1);

        EventValidationException e = assertThrows(EventValidationException.class,
                () -> CODEC.decode(EventTypes.MESSAGE_WAITING_CHANGED.ceType(), bytes(json)));

        assertEquals(DeadLetterReason.SCHEMA_VIOLATION, e.reason());
        assertEquals(2, e.violations().size(), e.violations().toString());
        assertTrue(e.violations().get(0).startsWith("/dn: "), e.violations().toString());
        assertTrue(e.violations().get(1).startsWith("/newMessages: "), e.violations().toString());
    }

    @Test
    void missingRequiredAndUnknownFieldsAreNamed() throws Exception {
        ObjectNode json = sampleJson(EventTypes.ZOOM_USER_LINKED);
        json.remove("email");
        json.put("sipPassword", "s3cret");

        EventValidationException e = assertThrows(EventValidationException.class,
                () -> CODEC.decode(EventTypes.ZOOM_USER_LINKED.ceType(), bytes(json)));

        assertTrue(e.violations().stream().anyMatch(v -> v.startsWith("/email: ")), e.violations().toString());
        assertTrue(e.violations().stream().anyMatch(v -> v.startsWith("/sipPassword: ")), e.violations().toString());
    }

    @Test
    void aNullForANonNullableFieldIsAViolation() throws Exception {
        ObjectNode json = sampleJson(EventTypes.CALL_LOG_RECORDED);
        json.putNull("endedAt");
        json.putNull("answeredAt");

        EventValidationException e = assertThrows(EventValidationException.class,
                () -> CODEC.decode(EventTypes.CALL_LOG_RECORDED.ceType(), bytes(json)));

        assertEquals(1, e.violations().size(), e.violations().toString());
        assertTrue(e.violations().get(0).startsWith("/endedAt: "), e.violations().toString());
    }

    @Test
    void aNonObjectValueIsASchemaViolation() {
        assertThrows(EventValidationException.class, () -> CODEC.decode(EventTypes.SETTINGS_CHANGED.ceType(),
                "[1,2]".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aSipPasswordInClearIsRefusedOnlyTheSealedFormTravels() {
        ZoomUserLinked clear = new ZoomUserLinked("acme-gmbh", "anna@acme.example.com", "Anna", "Schmidt",
                "+4989700712345", "sbc-munich-1", null,
                new SipAccount("osv.acme.example.com", "4989700712345", "plain-Sip-Pass1"));

        EventValidationException e = assertThrows(EventValidationException.class,
                () -> CODEC.encode(EventTypes.ZOOM_USER_LINKED, clear));

        assertTrue(e.violations().stream().anyMatch(v -> v.startsWith("/sipAccount/sealedPassword: ")),
                e.violations().toString());
        assertFalse(e.getMessage().contains("plain-Sip-Pass1"), "the refusal does not repeat the value");
    }

    @Test
    void encodeRefusesAnInvalidPayloadInsteadOfWritingIt() {
        MessageWaitingChanged invalid = new MessageWaitingChanged("acme-gmbh", "+4989700712345",
                "Anna.Schmidt@acme.example.com", -2, 0, 0, 0);

        EventValidationException e = assertThrows(EventValidationException.class,
                () -> CODEC.encode(EventTypes.MESSAGE_WAITING_CHANGED, invalid));

        assertEquals("dev.openpsi.mwi.MessageWaitingChanged.v1", e.ceType());
        assertTrue(e.violations().stream().anyMatch(v -> v.startsWith("/mailbox: ")), e.violations().toString());
        assertTrue(e.violations().stream().anyMatch(v -> v.startsWith("/newMessages: ")), e.violations().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"anna", "anna@", "anna@localhost", "x@y", "anna schmidt@acme.example.com",
            "ANNA@ACME.EXAMPLE.COM", "Anna@acme.example.com", "anna@acme.example.com\n"})
    void emailsMustBeValidAndLowercase(String email) {
        ZoomUserLinked linked = new ZoomUserLinked("acme-gmbh", email, "Anna", "Schmidt", "+4989700712345",
                "sbc-1", null);

        EventValidationException e = assertThrows(EventValidationException.class,
                () -> CODEC.encode(EventTypes.ZOOM_USER_LINKED, linked));
        assertTrue(e.violations().stream().allMatch(v -> v.startsWith("/email: ")), e.violations().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"4989700712345", "+04989700712345", "+49897", "+4989700712345678", "+49 89 7007",
            "+4989700712345\n"})
    void dnsMustBeE164(String dn) {
        ZoomUserLinked linked = new ZoomUserLinked("acme-gmbh", "anna@acme.example.com", "Anna", "Schmidt", dn,
                "sbc-1", null);

        EventValidationException e = assertThrows(EventValidationException.class,
                () -> CODEC.encode(EventTypes.ZOOM_USER_LINKED, linked));
        assertEquals(List.of("/dn"), e.violations().stream().map(v -> v.substring(0, v.indexOf(':'))).toList());
    }

    @Test
    void encodeRefusesAPayloadOfAnotherType() {
        @SuppressWarnings({"unchecked", "rawtypes"})
        EventType<Record> raw = (EventType) EventTypes.MESSAGE_WAITING_CHANGED;

        assertThrows(IllegalArgumentException.class,
                () -> CODEC.encode(raw, EventSamples.of(EventTypes.ZOOM_USER_REMOVED)));
    }

    @Test
    void payloadAsRefusesTheWrongType() {
        DecodedEvent<?> decoded = CODEC.decode(EventTypes.DO_NOT_DISTURB_CHANGED.ceType(),
                CODEC.encode(EventTypes.DO_NOT_DISTURB_CHANGED, EventSamples.of(EventTypes.DO_NOT_DISTURB_CHANGED)));

        assertTrue(decoded.is(EventTypes.DO_NOT_DISTURB_CHANGED));
        assertFalse(decoded.is(EventTypes.FORWARDING_CHANGED));
        assertThrows(IllegalStateException.class, () -> decoded.payloadAs(EventTypes.FORWARDING_CHANGED));
    }

    @Test
    void isSafeToShareBetweenThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        for (EventType<?> type : EventTypes.all()) {
                            if (!roundTrips(type)) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static <P extends Record> boolean roundTrips(EventType<P> type) {
        P sample = EventSamples.of(type);
        return sample.equals(CODEC.decode(type.ceType(), CODEC.encode(type, sample)).payload());
    }

    private static <P extends Record> ObjectNode sampleJson(EventType<P> type) throws Exception {
        return (ObjectNode) CODEC.objectMapper().readTree(CODEC.encode(type, EventSamples.of(type)));
    }

    private static byte[] bytes(JsonNode json) throws Exception {
        return CODEC.objectMapper().writeValueAsBytes(json);
    }

    private static List<String> componentNames(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).sorted().toList();
    }

    private static List<String> fieldNames(JsonNode json) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = json.fieldNames();
        it.forEachRemaining(names::add);
        names.sort(null);
        return names;
    }

    private static <P extends Record> P with(Class<P> type, P base, int index, Object value)
            throws ReflectiveOperationException {
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            args[i] = i == index ? value : components[i].getAccessor().invoke(base);
            types[i] = components[i].getType();
        }
        Constructor<P> canonical = type.getDeclaredConstructor(types);
        return canonical.newInstance(args);
    }
}
