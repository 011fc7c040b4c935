package dev.openpsi.osvadapter.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The new settings of a subscriber; they replace all of the old ones (the password may be left out to keep it). */
@Schema(description = "Replaces every setting of the subscriber; a SIP password left out keeps the stored one")
public record UpdateSubscriberRequest(
        @NotNull @Schema(description = "the OSV zoomUser flag; cannot be switched off while a Zoom user uses the number",
                required = true) Boolean zoomUser,
        @NotNull @Schema(description = "'Registration via Central SBC allowed'", required = true) Boolean registrationViaCentralSbc,
        @Valid @Schema(description = "SIP digest credentials; left out: removed") SipCredentialsRequest sipCredentials,
        @Valid FeaturesRequest features) implements SubscriberInput {
}
