package dev.openpsi.cloudlinkdaemon.replay;

import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One audited request: a replay (executed, dry run or refused) or an offset reset.
 *
 * @param status   dry-run | refused | running | completed | failed
 * @param progress sent / selected, 0..1; null until the selection is counted
 */
public record ReplayStatus(UUID id, String kind, String status, String requestedBy, OffsetDateTime requestedAt,
                           String account, String target, boolean dryRun, boolean redrive, Integer refusedWith,
                           Long selected, long sent, Double progress, OffsetDateTime startedAt,
                           OffsetDateTime finishedAt, String error, JsonNode request) {
}
