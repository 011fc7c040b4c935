package dev.openpsi.cloudlinkdaemon.replay;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The offsets a reset moved (or, dry run, would move) from and to, per partition. */
public record OffsetResetResult(UUID id, String group, Instant to, boolean dryRun, List<PartitionReset> partitions) {

    /** @param from the committed offset before; {@code to} the first offset at or after the time (the end if none) */
    public record PartitionReset(String topic, int partition, long from, long to) {
    }
}
