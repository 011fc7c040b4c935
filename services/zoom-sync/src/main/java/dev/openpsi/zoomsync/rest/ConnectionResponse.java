package dev.openpsi.zoomsync.rest;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.openpsi.zoomsync.ZoomConnection;

/** The connection as the admin portal shows it; secrets and tokens never appear. */
@Schema(name = "ZoomConnection")
public record ConnectionResponse(String account, String clientId, String zoomAccountId, String grantType,
        String redirectUri,
        @Schema(enumeration = {"Authorized", "Failed", "Pending"}) String oauthStatus,
        @Schema(description = "vendor-style details when OAuth failed") String oauthError,
        @Schema(enumeration = {"Connected", "Error", "Pending"}) String integrationStatus,
        @Schema(enumeration = {"Successful", "Failed"}) String syncStatus,
        String syncError, Instant lastSuccessfulSync, Instant accessTokenExpiresAt) {

    public static ConnectionResponse of(ZoomConnection c) {
        return new ConnectionResponse(c.account(), c.clientId(), c.zoomAccountId(), c.grantType().wire(), c.redirectUri(),
                c.oauthStatus(), c.oauthError(), c.integrationStatus(), c.syncStatus(), c.syncError(),
                c.lastSuccessfulSync(), c.accessExpiresAt());
    }
}
