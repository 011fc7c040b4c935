package dev.openpsi.cloudlinkdaemon.replay;

import java.util.List;
import java.util.UUID;

/** What a dry run found: how many records the selection holds and the first (earliest) of them. */
public record DryRunResult(UUID id, long count, List<SampledEvent> sample) {
}
