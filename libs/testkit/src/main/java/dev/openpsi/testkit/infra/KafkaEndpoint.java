package dev.openpsi.testkit.infra;

import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import dev.openpsi.events.TopicCatalogue;
import dev.openpsi.events.TopicSpec;

/** How to reach a running broker, whoever started it (this kit, a container, the local stack). */
public record KafkaEndpoint(String bootstrapServers) {

    public Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        return Admin.create(p);
    }

    /** Creates every catalogue topic (replication factor 1); existing topics are kept as they are. */
    public void createCatalogueTopics() {
        createTopics(TopicCatalogue.all());
    }

    public void createTopics(Collection<TopicSpec> specs) {
        List<NewTopic> topics = specs.stream()
                .map(spec -> new NewTopic(spec.name(), spec.partitions(), (short) 1)
                        .configs(TopicCatalogue.topicConfig(spec)))
                .toList();
        try (Admin admin = admin()) {
            for (var entry : admin.createTopics(topics).values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + entry.getKey(), e.getCause());
                    }
                }
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("topic creation timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
