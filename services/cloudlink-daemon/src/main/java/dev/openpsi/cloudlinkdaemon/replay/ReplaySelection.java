package dev.openpsi.cloudlinkdaemon.replay;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import dev.openpsi.events.CloudEventHeaders;
import dev.openpsi.events.Topic;
import dev.openpsi.events.TopicCatalogue;
import dev.openpsi.events.TopicSpec;
import dev.openpsi.security.Problems;

/**
 * A validated selection and its record filter. Matching compares raw key and header bytes, so a
 * scan never decodes a record body (the selection has to keep up with a plain Kafka reader).
 *
 * @param readTopic      the topic scanned: the DLQ when one is named, else the topic
 * @param originalTopic  with a DLQ: only dead letters whose original topic is this one (null: all)
 */
public record ReplaySelection(String readTopic, String originalTopic, Instant from, Instant to, String key,
                              String eventType, String account, boolean dlq) {

    private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern CE_TYPE = Pattern.compile("dev\\.openpsi\\.[a-z0-9]+(?:-[a-z0-9]+)*\\.[A-Z][A-Za-z0-9]*\\.v[1-9][0-9]{0,8}");
    private static final Pattern EVENT_NAME = Pattern.compile("[A-Z][A-Za-z0-9]{0,99}");
    private static final Pattern RFC3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");

    /** Validates {@code s}; a problem names the field as {@code selection.<field>}. */
    public static ReplaySelection of(ReplayRequest.Selection s) {
        if (s == null) {
            throw Problems.invalid("selection", "is required");
        }
        String topic = blankToNull(s.topic());
        String dlq = blankToNull(s.dlq());
        if (topic == null && dlq == null) {
            throw Problems.invalid("selection.topic", "a topic or a dlq is required");
        }
        if (dlq != null && !Topic.isDlqName(dlq)) {
            throw Problems.invalid("selection.dlq", "is not a dead-letter topic of the catalogue");
        }
        if (topic != null) {
            TopicSpec spec = TopicCatalogue.byName(topic)
                    .orElseThrow(() -> Problems.invalid("selection.topic", "is not a topic of the catalogue"));
            if (dlq != null && spec.kind() != TopicSpec.Kind.STREAM) {
                throw Problems.invalid("selection.topic", "with a dlq it must be the stream the dead letters came from");
            }
        }
        Instant from = time("selection.from", s.from());
        Instant to = time("selection.to", s.to());
        if (!from.isBefore(to)) {
            throw Problems.invalid("selection.to", "must be after from");
        }
        String account = blankToNull(s.account());
        if (account != null && !ACCOUNT.matcher(account).matches()) {
            throw Problems.invalid("selection.account", "is not an account id");
        }
        String type = blankToNull(s.eventType());
        if (type != null && !(CE_TYPE.matcher(type).matches() || EVENT_NAME.matcher(type).matches())) {
            throw Problems.invalid("selection.eventType", "is neither a ce_type nor an event name such as ZoomUserLinked");
        }
        return new ReplaySelection(dlq != null ? dlq : topic, dlq != null ? topic : null, from, to,
                blankToNull(s.key()), type, account, dlq != null);
    }

    /** The record filter; built once per scan. */
    public Matcher matcher() {
        return new Matcher(this);
    }

    /** Tests records against the selection on raw bytes. */
    public static final class Matcher {
        private final long from;
        private final long to;
        private final byte[] key;
        private final byte[] account;
        private final byte[] originalTopic;
        private final byte[] ceType;
        private final byte[] eventNameSegment;

        private Matcher(ReplaySelection s) {
            from = s.from().toEpochMilli();
            to = s.to().toEpochMilli();
            key = bytes(s.key());
            account = bytes(s.account());
            originalTopic = bytes(s.originalTopic());
            boolean fullType = s.eventType() != null && s.eventType().indexOf('.') >= 0;
            ceType = fullType ? bytes(s.eventType()) : null;
            eventNameSegment = s.eventType() != null && !fullType ? bytes("." + s.eventType() + ".v") : null;
        }

        /** Whether the record is selected; its key is read in place (the consumer's view, not a copy). */
        public boolean matches(ConsumerRecord<ByteBuffer, ByteBuffer> record) {
            long ts = record.timestamp();
            if (ts < from || ts >= to) {
                return false;
            }
            if (key != null && !sameBytes(key, record.key())) {
                return false;
            }
            Headers headers = record.headers();
            if (account != null && !Arrays.equals(account, value(headers, CloudEventHeaders.ACCOUNT))) {
                return false;
            }
            if (originalTopic != null && !Arrays.equals(originalTopic, value(headers, CloudEventHeaders.DLQ_ORIGINAL_TOPIC))) {
                return false;
            }
            if (ceType != null && !Arrays.equals(ceType, value(headers, CloudEventHeaders.TYPE))) {
                return false;
            }
            return eventNameSegment == null || contains(value(headers, CloudEventHeaders.TYPE), eventNameSegment);
        }

        private static boolean sameBytes(byte[] expected, ByteBuffer actual) {
            if (actual == null || actual.remaining() != expected.length) {
                return false;
            }
            int at = actual.position();
            for (int i = 0; i < expected.length; i++) {
                if (actual.get(at + i) != expected[i]) {
                    return false;
                }
            }
            return true;
        }

        private static byte[] value(Headers headers, String name) {
            Header header = headers.lastHeader(name);
            return header == null ? null : header.value();
        }

        private static boolean contains(byte[] haystack, byte[] needle) {
            if (haystack == null) {
                return false;
            }
            outer:
            for (int i = 0; i + needle.length <= haystack.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (haystack[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }

        private static byte[] bytes(String value) {
            return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
        }
    }

    private static Instant time(String field, String value) {
        value = blankToNull(value);
        if (value == null) {
            throw Problems.invalid(field, "is required (RFC 3339 date-time)");
        }
        if (!RFC3339.matcher(value).matches()) {
            throw Problems.invalid(field, "is not an RFC 3339 date-time");
        }
        try {
            return OffsetDateTime.parse(value.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (RuntimeException e) {
            throw Problems.invalid(field, "is not a valid date-time");
        }
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
