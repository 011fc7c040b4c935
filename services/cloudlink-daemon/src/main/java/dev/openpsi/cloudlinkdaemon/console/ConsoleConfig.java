package dev.openpsi.cloudlinkdaemon.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * What the admin console (static files under {@code /console/}) needs at run time: where the
 * browser logs in and where the other services' APIs are. Only public values: the console's
 * client is a public PKCE client, so nothing here is a secret.
 */
@ConfigMapping(prefix = "openpsi.console")
public interface ConsoleConfig {

    /** The realm URL (OIDC issuer) as the browser reaches it; by default the one this service validates tokens against. */
    @WithName("oidc-url")
    String oidcUrl();

    /** The public client of the console in that realm. */
    @WithName("client-id")
    @WithDefault("openpsi-console")
    String clientId();

    /** Base URL of zoom-sync's API as the browser reaches it (zoom-sync allows this console's origin through CORS). */
    @WithName("zoom-sync-url")
    @WithDefault("http://127.0.0.1:8083")
    String zoomSyncUrl();
}
