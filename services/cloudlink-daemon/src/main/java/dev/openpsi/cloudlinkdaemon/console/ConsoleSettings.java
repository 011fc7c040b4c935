package dev.openpsi.cloudlinkdaemon.console;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The console's run-time settings as served to the browser. */
@Schema(name = "ConsoleSettings")
public record ConsoleSettings(
        @Schema(description = "realm URL (OIDC issuer) the browser logs in at") String oidcUrl,
        @Schema(description = "public client id (authorization code + PKCE)") String clientId,
        @Schema(description = "base URLs of the services' APIs; an empty string means this origin") Services services) {

    @Schema(name = "ConsoleServices")
    public record Services(String cloudlinkDaemon, String zoomSync) {
    }

    static ConsoleSettings of(ConsoleConfig config) {
        return new ConsoleSettings(trimSlash(config.oidcUrl()), config.clientId(),
                new Services("", trimSlash(config.zoomSyncUrl())));
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
