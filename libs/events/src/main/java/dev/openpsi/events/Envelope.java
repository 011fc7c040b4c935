package dev.openpsi.events;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.apache.kafka.common.header.Headers;

/**
 * The CloudEvents 1.0 attributes of one event plus openpsi's tenant, trace and replay headers, as
 * carried on Kafka headers in binary mode (the payload JSON is the record value).
 *
 * <p>Required: {@code id}, {@code source}, {@code type}, {@code time}, {@code account}. Optional:
 * {@code subject} (the entity, e.g. email or DN), {@code traceparent} (validated W3C format),
 * {@code replayId}/{@code replayOf} (set together, only on a replayed event).
 *
 * @throws MalformedEventException from the constructor, naming the offending header
 */
public record Envelope(UUID id, String source, String type, Instant time, String subject, String account,
                       String traceparent, UUID replayId, UUID replayOf) {

    // java.util.UUID#fromString accepts abbreviated forms like "1-1-1-1-1"; the contract wants the canonical form.
    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    // RFC 3339 section 5.6 date-time; java.time alone would also accept e.g. a missing seconds field.
    private static final Pattern RFC3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");

    public Envelope {
        require(id, CloudEventHeaders.ID);
        requireText(source, CloudEventHeaders.SOURCE);
        requireText(type, CloudEventHeaders.TYPE);
        require(time, CloudEventHeaders.TIME);
        requireText(account, CloudEventHeaders.ACCOUNT);
        CeType.parse(type);
        if (subject != null && subject.isBlank()) {
            throw new MalformedEventException(CloudEventHeaders.SUBJECT + " must not be blank when present");
        }
        if (traceparent != null) {
            try {
                Traceparent.parse(traceparent);
            } catch (IllegalArgumentException e) {
                throw new MalformedEventException(CloudEventHeaders.TRACEPARENT + " is invalid: " + e.getMessage(), e);
            }
        }
        if ((replayId == null) != (replayOf == null)) {
            throw new MalformedEventException(CloudEventHeaders.REPLAY_ID + " and " + CloudEventHeaders.REPLAY_OF
                    + " must be present together");
        }
    }

    /** A new event from {@code source}, continuing the trace {@code parent} with a child span. */
    public static Envelope create(ServiceName source, EventType<?> type, String account, String subject,
                                  Traceparent parent) {
        Objects.requireNonNull(parent, "parent");
        return new Envelope(UUID.randomUUID(), source.source(), type.ceType(), Instant.now(), subject, account,
                parent.child().value(), null, null);
    }

    /** A new event from {@code source} that starts a new trace. */
    public static Envelope create(ServiceName source, EventType<?> type, String account, String subject) {
        return new Envelope(UUID.randomUUID(), source.source(), type.ceType(), Instant.now(), subject, account,
                Traceparent.newRoot().value(), null, null);
    }

    /**
     * This event re-sent by replay {@code replayId}, as the replay runner sends it: the same
     * {@code id} and time (the event is unchanged), {@code replayOf} naming the original and
     * {@code replayId} the replay - consumers key their idempotency on (id, replay id), so a
     * deliberate replay applies once more while its redeliveries stay duplicates.
     */
    public Envelope asReplay(UUID replayId) {
        Objects.requireNonNull(replayId, "replayId");
        return new Envelope(id, source, type, time, subject, account, traceparent, replayId, id);
    }

    public boolean isReplay() {
        return replayId != null;
    }

    public CeType ceType() {
        return CeType.parse(type);
    }

    public Optional<Traceparent> traceContext() {
        return Optional.ofNullable(traceparent).map(Traceparent::parse);
    }

    /** Writes every present attribute (UTF-8) plus specversion and content-type; absent ones are removed. */
    public void toHeaders(Headers headers) {
        Objects.requireNonNull(headers, "headers");
        CloudEventHeaders.put(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        CloudEventHeaders.put(headers, CloudEventHeaders.ID, id.toString());
        CloudEventHeaders.put(headers, CloudEventHeaders.SOURCE, source);
        CloudEventHeaders.put(headers, CloudEventHeaders.TYPE, type);
        CloudEventHeaders.put(headers, CloudEventHeaders.TIME, DateTimeFormatter.ISO_INSTANT.format(time));
        CloudEventHeaders.put(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.CONTENT_TYPE_VALUE);
        CloudEventHeaders.put(headers, CloudEventHeaders.ACCOUNT, account);
        putOrRemove(headers, CloudEventHeaders.SUBJECT, subject);
        putOrRemove(headers, CloudEventHeaders.TRACEPARENT, traceparent);
        putOrRemove(headers, CloudEventHeaders.REPLAY_ID, replayId == null ? null : replayId.toString());
        putOrRemove(headers, CloudEventHeaders.REPLAY_OF, replayOf == null ? null : replayOf.toString());
    }

    /**
     * Reads the envelope of a consumed record.
     *
     * @throws MalformedEventException naming the first missing or invalid header
     */
    public static Envelope fromHeaders(Headers headers) {
        Objects.requireNonNull(headers, "headers");
        String specVersion = required(headers, CloudEventHeaders.SPEC_VERSION);
        if (!CloudEventHeaders.SPEC_VERSION_VALUE.equals(specVersion)) {
            throw new MalformedEventException(CloudEventHeaders.SPEC_VERSION + " must be "
                    + CloudEventHeaders.SPEC_VERSION_VALUE + " but is '" + specVersion + "'");
        }
        CloudEventHeaders.get(headers, CloudEventHeaders.CONTENT_TYPE).ifPresent(Envelope::requireJson);
        UUID id = uuid(CloudEventHeaders.ID, required(headers, CloudEventHeaders.ID));
        String source = required(headers, CloudEventHeaders.SOURCE);
        String type = required(headers, CloudEventHeaders.TYPE);
        Instant time = time(required(headers, CloudEventHeaders.TIME));
        String account = required(headers, CloudEventHeaders.ACCOUNT);
        String subject = CloudEventHeaders.get(headers, CloudEventHeaders.SUBJECT).orElse(null);
        String traceparent = CloudEventHeaders.get(headers, CloudEventHeaders.TRACEPARENT).orElse(null);
        UUID replayId = CloudEventHeaders.get(headers, CloudEventHeaders.REPLAY_ID)
                .map(v -> uuid(CloudEventHeaders.REPLAY_ID, v)).orElse(null);
        UUID replayOf = CloudEventHeaders.get(headers, CloudEventHeaders.REPLAY_OF)
                .map(v -> uuid(CloudEventHeaders.REPLAY_OF, v)).orElse(null);
        return new Envelope(id, source, type, time, subject, account, traceparent, replayId, replayOf);
    }

    private static String required(Headers headers, String name) {
        String value = CloudEventHeaders.get(headers, name)
                .orElseThrow(() -> new MalformedEventException("required header " + name + " is missing"));
        if (value.isBlank()) {
            throw new MalformedEventException("required header " + name + " is blank");
        }
        return value;
    }

    private static UUID uuid(String header, String value) {
        if (!CANONICAL_UUID.matcher(value).matches()) {
            throw new MalformedEventException(header + " is not a UUID: '" + value + "'");
        }
        return UUID.fromString(value);
    }

    private static Instant time(String value) {
        if (!RFC3339.matcher(value).matches()) {
            throw new MalformedEventException(CloudEventHeaders.TIME + " is not an RFC 3339 date-time: '" + value + "'");
        }
        try {
            return OffsetDateTime.parse(value.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException e) {
            throw new MalformedEventException(
                    CloudEventHeaders.TIME + " is not a valid date-time: '" + value + "'", e);
        }
    }

    private static void requireJson(String contentType) {
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!CloudEventHeaders.CONTENT_TYPE_VALUE.equals(mediaType)) {
            throw new MalformedEventException(CloudEventHeaders.CONTENT_TYPE + " must be "
                    + CloudEventHeaders.CONTENT_TYPE_VALUE + " but is '" + contentType + "'");
        }
    }

    private static void require(Object value, String header) {
        if (value == null) {
            throw new MalformedEventException("required header " + header + " is missing");
        }
    }

    private static void requireText(String value, String header) {
        require(value, header);
        if (value.isBlank()) {
            throw new MalformedEventException("required header " + header + " is blank");
        }
    }

    private static void putOrRemove(Headers headers, String name, String value) {
        if (value == null) {
            headers.remove(name);
        } else {
            CloudEventHeaders.put(headers, name, value);
        }
    }
}
