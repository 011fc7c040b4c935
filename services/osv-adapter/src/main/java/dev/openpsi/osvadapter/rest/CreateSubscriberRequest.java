package dev.openpsi.osvadapter.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.openpsi.osvadapter.Subscriber;

/** A new subscriber of the account. */
@Schema(description = "A new OpenScape Voice subscriber; its DN is unique within the account")
public record CreateSubscriberRequest(
        @NotNull @Pattern(regexp = Subscriber.DN_PATTERN, message = Subscriber.DN_MESSAGE)
        @Schema(description = "directory number, E.164 with leading '+'", example = "+4989700712345",
                pattern = Subscriber.DN_PATTERN, required = true) String dn,
        @NotNull @Schema(description = "the OSV zoomUser flag: only flagged subscribers can be linked to Zoom users",
                required = true) Boolean zoomUser,
        @NotNull @Schema(description = "'Registration via Central SBC allowed'", required = true) Boolean registrationViaCentralSbc,
        @Valid @Schema(description = "SIP digest credentials; left out: none") SipCredentialsRequest sipCredentials,
        @Valid FeaturesRequest features) implements SubscriberInput {
}
