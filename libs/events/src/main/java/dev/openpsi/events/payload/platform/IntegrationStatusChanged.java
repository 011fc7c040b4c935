package dev.openpsi.events.payload.platform;

import dev.openpsi.events.payload.EventPayload;

/**
 * The status of an account's integration as the admin portal shows it changed (DOMAIN.md
 * "Integration status and troubleshooting"): integration status Connected | Error | Pending,
 * OAuth status Authorized | Failed | Pending, sync status Successful | Failed (null before the
 * first sync). Published only when one of the three actually changes; the previous values are
 * null when the integration was just created.
 *
 * @param integration the integrated system, e.g. {@value #ZOOM}
 * @param detail      the error details shown with a Failed or Error status; null if none. Never a secret.
 */
public record IntegrationStatusChanged(String account, String integration, String integrationStatus,
                                       String oauthStatus, String syncStatus, String previousIntegrationStatus,
                                       String previousOauthStatus, String previousSyncStatus, String detail)
        implements EventPayload {

    public static final String ZOOM = "zoom";
}
