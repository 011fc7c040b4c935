package dev.openpsi.osvadapter.rest;

import jakarta.validation.Valid;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The features of a subscriber a Zoom client uses. Left out: all off. */
@Schema(name = "FeaturesInput", description = "Do Not Disturb and call forwarding; left out means off")
public record FeaturesRequest(
        @Schema(description = "Do Not Disturb; default false") Boolean doNotDisturb,
        @Valid ForwardingSettingsRequest forwarding) {
}
