package dev.openpsi.events;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Kafka header names of the CloudEvents 1.0 Kafka protocol binding in binary mode (attributes as
 * {@code ce_*} headers, data as the record value), plus openpsi's own headers. All values are UTF-8.
 */
public final class CloudEventHeaders {

    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    /** The binding maps {@code datacontenttype} to the plain {@code content-type} header, not {@code ce_}. */
    public static final String CONTENT_TYPE = "content-type";

    public static final String ACCOUNT = "openpsi_account";
    /** W3C Trace Context header, same name and format as over HTTP. */
    public static final String TRACEPARENT = "traceparent";
    public static final String REPLAY_ID = "openpsi_replay_id";
    public static final String REPLAY_OF = "openpsi_replay_of";

    public static final String DLQ_REASON = "openpsi_dlq_reason";
    public static final String DLQ_DETAIL = "openpsi_dlq_detail";
    public static final String DLQ_ORIGINAL_TOPIC = "openpsi_dlq_original_topic";
    public static final String DLQ_ORIGINAL_PARTITION = "openpsi_dlq_original_partition";
    public static final String DLQ_ORIGINAL_OFFSET = "openpsi_dlq_original_offset";
    public static final String DLQ_CONSUMER = "openpsi_dlq_consumer";

    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String CONTENT_TYPE_VALUE = "application/json";

    private CloudEventHeaders() {
    }

    /** The last value of header {@code name} decoded as UTF-8; empty if absent or null-valued. */
    public static Optional<String> get(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            return Optional.empty();
        }
        return Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    /** Replaces every value of header {@code name} by {@code value} (UTF-8), so a header never repeats. */
    public static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
