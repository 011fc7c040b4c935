package dev.openpsi.messaging;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The one place producer and consumer settings of the delivery rules are written down. */
public final class KafkaClients {

    private KafkaClients() {
    }

    /** Idempotent, {@code acks=all}; up to 5 requests in flight keep per-partition order with idempotence. */
    public static Map<String, Object> producerConfig(String bootstrapServers, String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return config;
    }

    public static KafkaProducer<String, byte[]> producer(String bootstrapServers, String clientId) {
        return new KafkaProducer<>(producerConfig(bootstrapServers, clientId), new StringSerializer(),
                new ByteArraySerializer());
    }

    /** Manual commits only: the offset moves after the handler's transaction committed. */
    public static Map<String, Object> consumerConfig(String bootstrapServers, String groupId, String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        return config;
    }

    public static KafkaConsumer<String, byte[]> consumer(String bootstrapServers, String groupId, String clientId) {
        return new KafkaConsumer<>(consumerConfig(bootstrapServers, groupId, clientId), new StringDeserializer(),
                new ByteArrayDeserializer());
    }
}
