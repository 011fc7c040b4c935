package dev.openpsi.cloudlinkdaemon.replay;

import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.openpsi.events.CloudEventHeaders;

/** One selected record as a dry run lists it: where it is and what its headers say (the body is not read). */
public record SampledEvent(String topic, int partition, long offset, Instant timestamp, String key, String type,
                           String account, String eventId) {

    static SampledEvent of(ConsumerRecord<byte[], byte[]> record) {
        return new SampledEvent(record.topic(), record.partition(), record.offset(),
                Instant.ofEpochMilli(record.timestamp()),
                record.key() == null ? null : new String(record.key(), java.nio.charset.StandardCharsets.UTF_8),
                CloudEventHeaders.get(record.headers(), CloudEventHeaders.TYPE).orElse(null),
                CloudEventHeaders.get(record.headers(), CloudEventHeaders.ACCOUNT).orElse(null),
                CloudEventHeaders.get(record.headers(), CloudEventHeaders.ID).orElse(null));
    }
}
