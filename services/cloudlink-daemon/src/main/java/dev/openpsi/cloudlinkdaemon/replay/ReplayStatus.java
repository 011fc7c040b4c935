package dev.openpsi.cloudlinkdaemon.replay;

import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One audited request: a replay (executed, dry run or refused) or an offset reset.
 *
 * @param status   dry-run | refused | running | completed | failed
 * @param selected records of the selection found so far (final once completed)
 * @param progress the lesser of the range read and the selected records sent, 0..1 (1 once completed);
 *                 null for dry runs
 * @param scanned  records of the range read so far
 * @param toScan   records in the selection's time range (what the pass reads)
 */
public record ReplayStatus(UUID id, String kind, String status, String requestedBy, OffsetDateTime requestedAt,
                           String account, String target, boolean dryRun, boolean redrive, Integer refusedWith,
                           Long selected, long sent, Double progress, Long scanned, Long toScan, OffsetDateTime startedAt,
                           OffsetDateTime finishedAt, String error, JsonNode request) {
}
