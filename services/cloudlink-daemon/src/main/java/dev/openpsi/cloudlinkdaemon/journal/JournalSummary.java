package dev.openpsi.cloudlinkdaemon.journal;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One journal row in a list. */
@Schema(name = "JournalSummary", description = "One journaled Kafka record")
public record JournalSummary(
        @Schema(description = "journal id (for the detail)") long id,
        @Schema(description = "ce_id; null when the record carries none") UUID eventId,
        @Schema(description = "ce_type, e.g. dev.openpsi.provisioning.ZoomUserUpdated.v1") String type,
        @Schema(description = "short event name, e.g. ZoomUserUpdated") String event,
        @Schema(description = "ce_time") OffsetDateTime time,
        @Schema(description = "when the journal stored it") OffsetDateTime receivedAt,
        String account,
        @Schema(description = "ce_subject: email, DN, mailbox or component") String subject,
        String topic,
        int partition,
        long offset,
        @Schema(description = "producing service (from ce_source)") String service,
        @Schema(description = "record of a dead-letter topic") boolean dlq,
        String dlqReason,
        @Schema(description = "set on a replayed event") UUID replayId,
        @Schema(description = "trace id of the W3C traceparent") String traceId,
        @Schema(description = "why the CloudEvents envelope is unreadable; null when it is well-formed") String envelopeError) {
}
