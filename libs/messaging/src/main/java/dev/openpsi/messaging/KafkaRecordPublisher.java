package dev.openpsi.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** {@link RecordPublisher} on an idempotent {@code acks=all} producer. */
public final class KafkaRecordPublisher implements RecordPublisher {

    private final Producer<String, byte[]> producer;

    public KafkaRecordPublisher(Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    public static KafkaRecordPublisher connect(String bootstrapServers, String clientId) {
        return new KafkaRecordPublisher(KafkaClients.producer(bootstrapServers, clientId));
    }

    @Override
    public CompletionStage<Void> publishAll(List<ProducerRecord<String, byte[]>> records) {
        List<CompletableFuture<Void>> acks = new ArrayList<>(records.size());
        for (ProducerRecord<String, byte[]> record : records) {
            CompletableFuture<Void> ack = new CompletableFuture<>();
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    ack.complete(null);
                } else {
                    ack.completeExceptionally(error);
                }
            });
            acks.add(ack);
        }
        return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
