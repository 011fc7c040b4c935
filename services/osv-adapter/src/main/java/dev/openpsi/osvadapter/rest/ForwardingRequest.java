package dev.openpsi.osvadapter.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.openpsi.osvadapter.Forwarding;
import dev.openpsi.osvadapter.Subscriber;

/** One call-forwarding feature as the caller sets it. */
@Schema(name = "ForwardingInput")
public record ForwardingRequest(
        @NotNull @Schema(required = true) Boolean enabled,
        @Pattern(regexp = Subscriber.DN_PATTERN, message = Subscriber.DN_MESSAGE)
        @Schema(description = "E.164 target; required when enabled, except for forwarding to voicemail "
                + "(which uses the voicemail pilot number)", example = "+4989700799999", nullable = true) String destination,
        @Schema(description = "'Allow Endpoint Control': the Zoom client shows and controls only forwarding types "
                + "where this is on; default false") Boolean endpointControlAllowed) {

    Forwarding toForwarding() {
        return Forwarding.of(enabled, destination, Boolean.TRUE.equals(endpointControlAllowed));
    }
}
