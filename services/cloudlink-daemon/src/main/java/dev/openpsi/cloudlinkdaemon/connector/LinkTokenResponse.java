package dev.openpsi.cloudlinkdaemon.connector;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new link token: the only time it is shown. */
@Schema(description = "A one-time link token; shown only in this answer, stored hashed")
public record LinkTokenResponse(
        @Schema(description = "give it to the connector on the component; it is never shown again") String token,
        String account,
        ComponentKind type,
        String name,
        Instant expiresAt) {
}
