package dev.openpsi.events;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The catalogue of event streams, as code. Every topic name used anywhere in openpsi comes from
 * here (or from {@link ServiceName#replayTopic()}); nothing else spells a topic string.
 *
 * <p>Keys keep per-entity order: a record's key is {@code <account>/<entity>} where the entity is
 * what {@link #keyMeaning()} says (see {@link #key(String, String)}).
 */
public enum Topic {
    PROVISIONING("provisioning", 6, "account/email"),
    MWI("mwi", 6, "account/DN"),
    CALL_LOG("call-log", 6, "account/DN"),
    TELEPHONY("telephony", 6, "account/DN"),
    VOICEMAIL("voicemail", 3, "account/mailbox"),
    REGISTRATION("registration", 6, "account/email"),
    PUSH("push", 6, "account/email"),
    EMERGENCY("emergency", 3, "account/email"),
    PLATFORM("platform", 3, "account/component");

    /** Version of every stream in this catalogue; a breaking change means a new stream {@code .v2}. */
    public static final int STREAM_VERSION = 1;
    /** Retention of a live stream: long enough to replay a week of history. */
    public static final Duration STREAM_RETENTION = Duration.ofDays(7);
    /** Dead letters are kept longer so an operator can still inspect them after a holiday. */
    public static final Duration DLQ_RETENTION = Duration.ofDays(30);
    /** Dead letters are rare; fewer partitions keep the DLQ cheap to scan from the journal. */
    public static final int DLQ_PARTITIONS = 3;
    public static final String CLEANUP_POLICY = "delete";
    static final String PREFIX = "openpsi.";
    static final String DLQ_SUFFIX = ".dlq";

    private final String stream;
    private final int partitions;
    private final String keyMeaning;

    Topic(String stream, int partitions, String keyMeaning) {
        this.stream = stream;
        this.partitions = partitions;
        this.keyMeaning = keyMeaning;
    }

    /** The stream name as it appears inside topic names and {@code ce_type}, e.g. {@code call-log}. */
    public String stream() {
        return stream;
    }

    /** e.g. {@code openpsi.call-log.v1}. */
    public String topicName() {
        return PREFIX + stream + ".v" + STREAM_VERSION;
    }

    /** e.g. {@code openpsi.call-log.v1.dlq}. */
    public String dlqName() {
        return topicName() + DLQ_SUFFIX;
    }

    public int partitions() {
        return partitions;
    }

    public Duration retention() {
        return STREAM_RETENTION;
    }

    public String cleanupPolicy() {
        return CLEANUP_POLICY;
    }

    /** What a record key of this stream identifies, e.g. {@code account/email}. */
    public String keyMeaning() {
        return keyMeaning;
    }

    /**
     * The record key for one entity of an account. The account comes first so all of an account's
     * events for that entity land on one partition in order.
     */
    public String key(String account, String entity) {
        return EventKeys.of(account, entity);
    }

    /** Recognises a stream name or its DLQ name; anything else (including replay topics) is empty. */
    public static Optional<Topic> fromName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String base = name.endsWith(DLQ_SUFFIX) ? name.substring(0, name.length() - DLQ_SUFFIX.length()) : name;
        return Arrays.stream(values()).filter(t -> t.topicName().equals(base)).findFirst();
    }

    /** Whether {@code name} is the DLQ of one of the streams. */
    public static boolean isDlqName(String name) {
        return name != null && name.endsWith(DLQ_SUFFIX) && fromName(name).isPresent();
    }

    /** The topic whose {@code ce_type} stream segment is {@code stream}, e.g. {@code call-log}. */
    public static Optional<Topic> fromStream(String stream) {
        Objects.requireNonNull(stream, "stream");
        return Arrays.stream(values()).filter(t -> t.stream.equals(stream)).findFirst();
    }
}
