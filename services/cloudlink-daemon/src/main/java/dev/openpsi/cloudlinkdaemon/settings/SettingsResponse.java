package dev.openpsi.cloudlinkdaemon.settings;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The settings document as the API returns it: the location provider's secret only as {@code secretSet}. */
@Schema(description = "The PBX system settings of an account; a section is null while not configured")
public record SettingsResponse(
        String account,
        @Schema(example = "+4989700799999") String voicemailPilot,
        @Schema(description = "Feature -> dialing access code") Map<String, String> featureCodes,
        List<String> emergencyNumbers,
        LocationProviderView locationProvider,
        @Schema(description = "null while nothing was ever configured") Instant updatedAt) {

    @Schema(name = "LocationProvider", description = "Dynamic location provider; the secret is never returned")
    public record LocationProviderView(String name, String type, String primaryServer, String secondaryServer,
            String customerId,
            @Schema(description = "whether a secret is stored (always true for a configured provider)") boolean secretSet,
            Map<String, String> extraHeaders) {
    }

    static SettingsResponse of(String account, Settings settings, boolean secretSet, Instant updatedAt) {
        Map<String, String> codes = null;
        if (settings.featureCodes() != null) {
            codes = new LinkedHashMap<>();
            for (Map.Entry<Feature, String> e : settings.featureCodes().entrySet()) {
                codes.put(e.getKey().key(), e.getValue());
            }
        }
        Settings.Provider p = settings.locationProvider();
        LocationProviderView provider = p == null ? null
                : new LocationProviderView(p.name(), p.type(), p.primaryServer(), p.secondaryServer(), p.customerId(),
                        secretSet, p.extraHeaders() == null ? Map.of() : p.extraHeaders());
        return new SettingsResponse(account, settings.voicemailPilot(), codes, settings.emergencyNumbers(), provider, updatedAt);
    }
}
