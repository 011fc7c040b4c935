package dev.openpsi.cloudlinkdaemon.rest;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Whether integrations are enabled on an account. */
public record IntegrationsRequest(
        @NotNull @Schema(description = "true is refused on a partner account", required = true) Boolean enabled) {
}
