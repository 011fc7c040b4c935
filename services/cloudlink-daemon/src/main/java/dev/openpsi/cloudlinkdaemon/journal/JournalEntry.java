package dev.openpsi.cloudlinkdaemon.journal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.openpsi.events.CloudEventHeaders;
import dev.openpsi.events.Envelope;
import dev.openpsi.events.TopicSpec;
import dev.openpsi.events.TopicCatalogue;
import dev.openpsi.security.Redactor;

/**
 * One journal row, read leniently from a raw Kafka record: every column that can be read is
 * filled, the others stay null, and nothing here throws for a malformed record (a poison record is
 * exactly what an operator troubleshoots). Secrets are masked before anything is stored.
 */
record JournalEntry(UUID eventId, String topic, int partition, long offset, String key, String account,
                    String subject, String ceType, String eventName, String typeFamily, String ceSource,
                    String sourceService, OffsetDateTime ceTime, boolean dlq, String dlqReason, String dlqDetail,
                    String dlqOriginalTopic, Integer dlqOriginalPartition, Long dlqOriginalOffset, String dlqConsumer,
                    UUID replayId, UUID replayOf, String traceparent, String payloadJson, String payloadText,
                    String headersJson, String envelopeError) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern CE_TYPE = Pattern.compile("dev\\.openpsi\\.([a-z0-9-]+)\\.([A-Za-z0-9]+)\\.v[0-9]+");
    private static final Pattern LAST_WORD = Pattern.compile("^(.*[a-z0-9])[A-Z][a-z0-9]*$");
    private static final String SOURCE_PREFIX = "/openpsi/";
    private static final int MAX_TEXT = 1000;

    static JournalEntry of(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            String value = header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
            headers.put(JsonMasking.withoutNul(header.key()), value);
        }
        String envelopeError = null;
        try {
            Envelope.fromHeaders(record.headers());
        } catch (RuntimeException malformed) {
            envelopeError = clip(malformed.getMessage());
        }
        String ceType = short_(headers.get(CloudEventHeaders.TYPE));
        String eventName = null;
        String family = null;
        if (ceType != null) {
            Matcher m = CE_TYPE.matcher(ceType);
            if (m.matches()) {
                eventName = m.group(2);
                Matcher verb = LAST_WORD.matcher(eventName);
                family = m.group(1) + "." + (verb.matches() ? verb.group(1) : eventName);
            }
        }
        String source = short_(headers.get(CloudEventHeaders.SOURCE));
        String service = source != null && source.startsWith(SOURCE_PREFIX) && source.length() > SOURCE_PREFIX.length()
                ? source.substring(SOURCE_PREFIX.length()) : null;
        boolean dlq = TopicCatalogue.byName(record.topic()).map(s -> s.kind() == TopicSpec.Kind.DLQ).orElse(false)
                || headers.containsKey(CloudEventHeaders.DLQ_REASON);
        String payloadJson = null;
        String payloadText = null;
        if (record.value() != null && record.value().length > 0) {
            try {
                JsonNode parsed = JSON.readTree(record.value());
                payloadJson = parsed == null || parsed.isMissingNode() ? null : JSON.writeValueAsString(JsonMasking.mask(parsed));
            } catch (java.io.IOException | RuntimeException notJson) {
                payloadJson = null;
            }
            if (payloadJson == null) {
                payloadText = Redactor.scrub(JsonMasking.withoutNul(new String(record.value(), StandardCharsets.UTF_8)));
            }
        }
        return new JournalEntry(
                uuid(headers.get(CloudEventHeaders.ID)),
                record.topic(), record.partition(), record.offset(),
                record.key() == null ? null : JsonMasking.withoutNul(record.key()),
                short_(headers.get(CloudEventHeaders.ACCOUNT)),
                short_(headers.get(CloudEventHeaders.SUBJECT)),
                ceType, eventName, family, source, short_(service),
                time(headers.get(CloudEventHeaders.TIME)),
                dlq,
                short_(headers.get(CloudEventHeaders.DLQ_REASON)),
                scrubbed(headers.get(CloudEventHeaders.DLQ_DETAIL)),
                short_(headers.get(CloudEventHeaders.DLQ_ORIGINAL_TOPIC)),
                integer(headers.get(CloudEventHeaders.DLQ_ORIGINAL_PARTITION)),
                longValue(headers.get(CloudEventHeaders.DLQ_ORIGINAL_OFFSET)),
                short_(headers.get(CloudEventHeaders.DLQ_CONSUMER)),
                uuid(headers.get(CloudEventHeaders.REPLAY_ID)),
                uuid(headers.get(CloudEventHeaders.REPLAY_OF)),
                short_(headers.get(CloudEventHeaders.TRACEPARENT)),
                payloadJson, payloadText, headersJson(headers), envelopeError);
    }

    /** The row of a record that could not be stored as read: position and headers' names only. */
    JournalEntry minimal(String why) {
        ObjectNode names = JsonNodeFactory.instance.objectNode();
        return new JournalEntry(null, topic, partition, offset, null, account, null, null, null, null, null, null, null,
                dlq, null, null, null, null, null, null, null, null, null, null,
                "not storable as read: " + clip(why), names.toString(), envelopeError);
    }

    Instant ceInstant() {
        return ceTime == null ? null : ceTime.toInstant();
    }

    private static String headersJson(Map<String, String> headers) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        headers.forEach((name, value) -> {
            if (value == null) {
                out.putNull(name);
            } else if (JsonMasking.looksSecret(name)) {
                out.put(name, Redactor.MASK);
            } else {
                out.put(name, Redactor.scrub(JsonMasking.withoutNul(value)));
            }
        });
        try {
            return JSON.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            return "{}";
        }
    }

    private static String scrubbed(String text) {
        return text == null ? null : clip(Redactor.scrub(JsonMasking.withoutNul(text)));
    }

    private static String short_(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return clip(Redactor.scrub(JsonMasking.withoutNul(text)));
    }

    private static String clip(String text) {
        if (text == null) {
            return null;
        }
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…";
    }

    private static UUID uuid(String value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static OffsetDateTime time(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim().toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Integer integer(String value) {
        try {
            return value == null ? null : Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long longValue(String value) {
        try {
            return value == null ? null : Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
