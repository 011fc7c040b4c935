package dev.openpsi.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every topic openpsi uses: the streams, their DLQs and one replay topic per service. */
public final class TopicCatalogue {

    /** Replay intake holds what an operator sent for re-processing; a week is enough to investigate. */
    public static final Duration REPLAY_RETENTION = Duration.ofDays(7);
    public static final int REPLAY_PARTITIONS = 3;
    static final String REPLAY_KEY_MEANING = "key of the replayed event (account/entity of its stream)";

    private static final List<TopicSpec> ALL = build();

    private TopicCatalogue() {
    }

    /** Streams first (catalogue order), then their DLQs, then the replay topics (service order). */
    public static List<TopicSpec> all() {
        return ALL;
    }

    public static Optional<TopicSpec> byName(String name) {
        return ALL.stream().filter(spec -> spec.name().equals(name)).findFirst();
    }

    public static TopicSpec stream(Topic topic) {
        return new TopicSpec(topic.topicName(), topic.partitions(), topic.retention(), topic.cleanupPolicy(),
                topic.keyMeaning(), TopicSpec.Kind.STREAM);
    }

    public static TopicSpec dlq(Topic topic) {
        return new TopicSpec(topic.dlqName(), Topic.DLQ_PARTITIONS, Topic.DLQ_RETENTION, topic.cleanupPolicy(),
                topic.keyMeaning(), TopicSpec.Kind.DLQ);
    }

    public static TopicSpec replay(ServiceName service) {
        return new TopicSpec(service.replayTopic(), REPLAY_PARTITIONS, REPLAY_RETENTION, Topic.CLEANUP_POLICY,
                REPLAY_KEY_MEANING, TopicSpec.Kind.REPLAY);
    }

    /**
     * Kafka topic-level configs for {@code spec}. {@code min.insync.replicas} is deliberately left
     * out: it depends on the cluster size (1 locally, 2 on a 3-broker cluster) and is set there.
     */
    public static Map<String, String> topicConfig(TopicSpec spec) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("retention.ms", Long.toString(spec.retention().toMillis()));
        config.put("cleanup.policy", spec.cleanupPolicy());
        return Collections.unmodifiableMap(config);
    }

    private static List<TopicSpec> build() {
        List<TopicSpec> specs = new ArrayList<>();
        for (Topic topic : Topic.values()) {
            specs.add(stream(topic));
        }
        for (Topic topic : Topic.values()) {
            specs.add(dlq(topic));
        }
        for (ServiceName service : ServiceName.values()) {
            specs.add(replay(service));
        }
        return List.copyOf(specs);
    }
}
