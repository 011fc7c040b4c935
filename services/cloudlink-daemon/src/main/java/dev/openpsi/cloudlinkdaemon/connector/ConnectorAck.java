package dev.openpsi.cloudlinkdaemon.connector;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a connector learns from a heartbeat or inventory report. */
@Schema(description = "The component's status after the report, and when the next reports are due")
public record ConnectorAck(
        String status,
        boolean degraded,
        String statusDetail,
        Instant nextHeartbeatBy,
        Instant nextInventoryBy) {
}
