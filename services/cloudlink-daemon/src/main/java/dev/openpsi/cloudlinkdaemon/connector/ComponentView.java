package dev.openpsi.cloudlinkdaemon.connector;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A linked component as the admin console lists it (this exact shape; the console is built against it). */
@Schema(description = "A linked on-premise component and its connector's status")
public record ComponentView(
        UUID id,
        ComponentKind type,
        String name,
        String host,
        @Schema(enumeration = {"disconnected", "connectedDeactivated", "connectedActivated"}) String status,
        String statusDetail,
        @Schema(description = "'Connected and activated' with a node not connected or after a failover; "
                + "re-enabling the container fixes it") boolean degraded,
        Instant lastHeartbeatAt,
        Instant lastInventoryAt,
        boolean inventoryOverdue,
        List<NodeState> nodes) {
}
