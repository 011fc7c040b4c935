package dev.openpsi.messaging;

import java.util.List;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.clients.producer.ProducerRecord;

/** Sends records and completes when the broker acknowledged every one of them. */
public interface RecordPublisher extends AutoCloseable {

    CompletionStage<Void> publishAll(List<ProducerRecord<String, byte[]>> records);

    @Override
    void close();
}
