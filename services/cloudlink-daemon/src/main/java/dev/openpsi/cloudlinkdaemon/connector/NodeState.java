package dev.openpsi.cloudlinkdaemon.connector;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One node of the component's system as its connector sees it. */
@Schema(description = "A node of the system (an OSV duplex has two) and whether it is connected")
public record NodeState(
        @NotBlank @Size(max = 128) @Schema(example = "osv-node-a", required = true) String name,
        @NotNull @Schema(required = true) Boolean connected) {
}
