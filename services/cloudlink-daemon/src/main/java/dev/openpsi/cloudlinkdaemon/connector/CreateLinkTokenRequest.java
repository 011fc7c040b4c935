package dev.openpsi.cloudlinkdaemon.connector;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The component an account admin wants to link. */
@Schema(description = "The component the one-time link token is for")
public record CreateLinkTokenRequest(
        @NotNull @Schema(required = true) ComponentKind type,
        @NotBlank @Size(max = 200) @Schema(example = "OSV Munich node A", maxLength = 200, required = true) String name) {
}
