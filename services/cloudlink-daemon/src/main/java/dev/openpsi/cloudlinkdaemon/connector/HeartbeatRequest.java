package dev.openpsi.cloudlinkdaemon.connector;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A connector's sign of life, with the state of its system's nodes. */
@Schema(description = "Heartbeat of a linked connector")
public record HeartbeatRequest(
        @NotBlank @Size(max = 255) @Schema(description = "the host the connector runs on", required = true) String host,
        @NotBlank @Size(max = 128) @Schema(description = "the connector's installation id", required = true) String instanceId,
        @Valid @Size(max = 16) @Schema(description = "nodes of the system (OSV: one for simplex, two for duplex)")
        List<@Valid NodeState> nodes,
        @Schema(description = "a failover happened since the last heartbeat") Boolean failover) {

    List<NodeState> nodesOrEmpty() {
        return nodes == null ? List.of() : nodes;
    }

    boolean allNodesConnected() {
        return nodesOrEmpty().stream().allMatch(NodeState::connected);
    }
}
