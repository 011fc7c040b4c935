package dev.openpsi.cloudlinkdaemon.settings;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.openpsi.security.Redactor;
import dev.openpsi.security.Secret;

/**
 * The whole settings document as a client writes it (PUT replaces it). A section that is null or
 * absent is not configured. Unknown members are refused rather than ignored (the resource reads
 * with FAIL_ON_UNKNOWN_PROPERTIES): with replace semantics a misspelt member would otherwise
 * silently clear its section.
 */
@Schema(description = "The PBX system settings of an account; an absent section is not configured")
public record SettingsRequest(
        @Schema(description = "Voicemail pilot number, E.164", example = "+4989700799999") String voicemailPilot,
        @Schema(description = "Dialing access code of each of the six features: callForward, disableCallForward, "
                + "doNotDisturb, disableDnd, enableCallForward, enableDnd; '*' or '#' and 1 to 6 digits, no code twice",
                example = "{\"callForward\":\"*72\",\"disableCallForward\":\"#72\",\"doNotDisturb\":\"*78\","
                        + "\"disableDnd\":\"#78\",\"enableCallForward\":\"*73\",\"enableDnd\":\"*79\"}")
        Map<String, String> featureCodes,
        @Schema(description = "Emergency numbers, digits only, no duplicates", example = "[\"911\", \"112\"]")
        List<String> emergencyNumbers,
        LocationProvider locationProvider) {

    /** The dynamic location provider (HELD, RFC 5985) the account's E911 lookups use. */
    @Schema(name = "LocationProviderRequest", description = "Dynamic location provider; secondaryServer and extraHeaders are optional")
    public record LocationProvider(
            @Schema(example = "RedSky", required = true) String name,
            @Schema(example = "HELD", required = true) String type,
            @Schema(description = "http(s) URL of the primary server", example = "https://held.example.com/held", required = true)
            String primaryServer,
            @Schema(description = "http(s) URL of the secondary server", example = "https://held2.example.com/held")
            String secondaryServer,
            @Schema(description = "Customer ID: the HELD identifier of the account", example = "acme-4711", required = true)
            String customerId,
            @Secret @Schema(description = "Write-only; required on first configuration, omit it to keep the stored one",
                    writeOnly = true)
            String secret,
            @Schema(description = "Extra HTTP headers sent to the provider: a JSON object of string values",
                    example = "{\"X-Tenant\": \"acme\"}")
            Map<String, Object> extraHeaders) {

        @Override
        public String toString() {
            return Redactor.toString(this);
        }
    }
}
