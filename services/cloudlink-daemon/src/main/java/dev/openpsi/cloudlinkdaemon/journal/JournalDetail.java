package dev.openpsi.cloudlinkdaemon.journal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

/** One journal row with the tabs of the admin portal's event history (DOMAIN.md "Event History"). */
@Schema(name = "JournalDetail")
public record JournalDetail(long id, CoreDetails coreDetails, List<PropertyChange> propertiesChanged,
                            ExtraDetails extraDetails, LogTags logTags,
                            @Schema(description = "the payload when it is JSON (secret-looking members masked)") JsonNode payload,
                            @Schema(description = "the payload when it is not JSON, credentials scrubbed") String payloadText) {

    @Schema(name = "JournalCoreDetails")
    public record CoreDetails(long id, UUID eventId, String type, String event, OffsetDateTime time,
                              OffsetDateTime receivedAt, String source, String service, String subject, String account,
                              String topic, int partition, long offset, String key) {
    }

    /** One property that differs from the previous journaled payload of the same subject and type family. */
    @Schema(name = "JournalPropertyChange")
    public record PropertyChange(@Schema(description = "dotted path, e.g. firstName or address.city or lines[0]") String property,
                                 JsonNode before, JsonNode after) {
    }

    @Schema(name = "JournalExtraDetails")
    public record ExtraDetails(Dlq dlq, Replay replay,
                               @Schema(description = "journal id of the payload propertiesChanged compares against") Long previousId,
                               @Schema(description = "every Kafka header, secrets masked") JsonNode headers,
                               String envelopeError) {
    }

    @Schema(name = "JournalDlq")
    public record Dlq(String reason, String detail, String originalTopic, Integer originalPartition, Long originalOffset,
                      String consumer) {
    }

    @Schema(name = "JournalReplay")
    public record Replay(UUID replayId, UUID replayOf) {
    }

    @Schema(name = "JournalLogTags")
    public record LogTags(String traceId, String spanId, String service, String account, String eventType) {
    }
}
