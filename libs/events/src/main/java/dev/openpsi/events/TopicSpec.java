package dev.openpsi.events;

import java.time.Duration;
import java.util.Objects;

/**
 * One topic to create on the cluster: a live stream, its dead-letter topic or a service's replay
 * intake. Used by the local stack launcher, the Helm topic job and tests that create topics.
 */
public record TopicSpec(String name, int partitions, Duration retention, String cleanupPolicy, String keyMeaning,
                        Kind kind) {

    public enum Kind { STREAM, DLQ, REPLAY }

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(cleanupPolicy, "cleanupPolicy");
        Objects.requireNonNull(keyMeaning, "keyMeaning");
        Objects.requireNonNull(kind, "kind");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1: " + partitions);
        }
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive: " + retention);
        }
    }
}
