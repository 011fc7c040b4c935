package dev.openpsi.cloudlinkdaemon.connector;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a connector presents to exchange a link token. */
@Schema(description = "A connector exchanging its link token for a component id and credential")
public record LinkRequest(
        @NotBlank @Size(max = 200) @Schema(required = true) String token,
        @NotBlank @Size(max = 512)
        @Schema(description = "stable component identity (hardware fingerprint)", required = true) String identity,
        @NotBlank @Size(max = 255) @Schema(example = "osv-a.example.local", required = true) String host,
        @NotBlank @Size(max = 128) @Schema(description = "generated when the connector was installed", required = true)
        String instanceId,
        @NotNull @Schema(description = "the connector's clock now (RFC 3339); refused when it is off by more than the tolerance",
                required = true) Instant clientTime) {

    /** Never print the token. */
    @Override
    public String toString() {
        return "LinkRequest[identity=" + identity + ", host=" + host + ", instanceId=" + instanceId + "]";
    }
}
