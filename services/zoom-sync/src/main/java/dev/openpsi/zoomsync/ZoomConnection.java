package dev.openpsi.zoomsync;

import java.time.Instant;
import java.time.OffsetDateTime;

import io.vertx.mutiny.sqlclient.Row;

/**
 * An account's Zoom connection (table zoom_connection). The client secret and the tokens stay
 * sealed here; {@link dev.openpsi.zoomsync.service.ZoomConnections} opens them only to call Zoom.
 */
public record ZoomConnection(String account, String clientId, String clientSecretSealed, String zoomAccountId,
        GrantType grantType, String redirectUri, String accessTokenSealed, Instant accessIssuedAt, Instant accessExpiresAt,
        String refreshTokenSealed, String oauthStatus, String oauthError, String integrationStatus, String syncStatus,
        String syncError, Instant lastSuccessfulSync, long generation) {

    public static final String AUTHORIZED = "Authorized";
    public static final String FAILED = "Failed";
    public static final String PENDING = "Pending";
    public static final String CONNECTED = "Connected";
    public static final String ERROR = "Error";
    public static final String SYNC_SUCCESSFUL = "Successful";
    public static final String SYNC_FAILED = "Failed";

    public enum GrantType {
        ACCOUNT_CREDENTIALS("account_credentials"),
        AUTHORIZATION_CODE("authorization_code");

        private final String wire;

        GrantType(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        public static GrantType fromWire(String s) {
            for (GrantType g : values()) {
                if (g.wire.equals(s)) {
                    return g;
                }
            }
            throw new IllegalArgumentException("unknown grant type " + s);
        }
    }

    public static final String COLUMNS = "account, client_id, client_secret_sealed, zoom_account_id, grant_type, redirect_uri, "
            + "access_token_sealed, access_issued_at, access_expires_at, refresh_token_sealed, oauth_status, oauth_error, integration_status, "
            + "sync_status, sync_error, last_successful_sync, generation";

    public static ZoomConnection from(Row r) {
        return new ZoomConnection(r.getString("account"), r.getString("client_id"), r.getString("client_secret_sealed"),
                r.getString("zoom_account_id"), GrantType.fromWire(r.getString("grant_type")), r.getString("redirect_uri"),
                r.getString("access_token_sealed"), instant(r.getOffsetDateTime("access_issued_at")),
                instant(r.getOffsetDateTime("access_expires_at")),
                r.getString("refresh_token_sealed"), r.getString("oauth_status"), r.getString("oauth_error"),
                r.getString("integration_status"), r.getString("sync_status"), r.getString("sync_error"),
                instant(r.getOffsetDateTime("last_successful_sync")), r.getLong("generation"));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    public boolean oauthFailed() {
        return FAILED.equals(oauthStatus);
    }

    /** Sealing contexts: a sealed value copied to another account or field does not open. */
    public static String context(String account, String what) {
        return "zoom-sync/" + account + "/" + what;
    }
}
