package dev.openpsi.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import dev.openpsi.events.CeType;
import dev.openpsi.events.CloudEventHeaders;
import dev.openpsi.events.DeadLetterReason;
import dev.openpsi.events.EventContractException;
import dev.openpsi.events.ServiceName;
import dev.openpsi.events.Topic;

/**
 * Builds the dead-letter record of a poison message: key, value and original headers unchanged,
 * plus reason, detail, original topic/partition/offset and the consumer that gave up.
 */
public final class DeadLetters {

    private static final int MAX_DETAIL = 1000;

    private DeadLetters() {
    }

    public static ProducerRecord<String, byte[]> deadLetter(ConsumerRecord<String, byte[]> record,
            DeadLetterReason reason, String detail, String consumer) {
        Headers headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith("openpsi_dlq_")) {
                headers.add(header);
            }
        }
        put(headers, CloudEventHeaders.DLQ_REASON, reason.name());
        put(headers, CloudEventHeaders.DLQ_DETAIL, truncate(detail == null ? "" : detail));
        put(headers, CloudEventHeaders.DLQ_ORIGINAL_TOPIC, record.topic());
        put(headers, CloudEventHeaders.DLQ_ORIGINAL_PARTITION, Integer.toString(record.partition()));
        put(headers, CloudEventHeaders.DLQ_ORIGINAL_OFFSET, Long.toString(record.offset()));
        put(headers, CloudEventHeaders.DLQ_CONSUMER, consumer);
        return new ProducerRecord<>(dlqTopic(record), null, record.key(), record.value(), headers);
    }

    public static ProducerRecord<String, byte[]> deadLetter(ConsumerRecord<String, byte[]> record,
            EventContractException error, String consumer) {
        return deadLetter(record, error.reason(), error.getMessage(), consumer);
    }

    /**
     * The DLQ of the stream the record belongs to. Records of a replay topic belong to the stream
     * their {@code ce_type} names; without a readable type they go to the platform stream's DLQ.
     */
    static String dlqTopic(ConsumerRecord<String, byte[]> record) {
        Optional<Topic> stream = Topic.fromName(record.topic());
        if (stream.isEmpty() && ServiceName.fromReplayTopic(record.topic()).isPresent()) {
            stream = streamOfType(record.headers().lastHeader(CloudEventHeaders.TYPE));
        }
        return stream.orElse(Topic.PLATFORM).dlqName();
    }

    private static Optional<Topic> streamOfType(Header typeHeader) {
        if (typeHeader == null || typeHeader.value() == null) {
            return Optional.empty();
        }
        try {
            return Topic.fromStream(CeType.parse(new String(typeHeader.value(), StandardCharsets.UTF_8)).stream());
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static String truncate(String detail) {
        return detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL) + "…";
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
