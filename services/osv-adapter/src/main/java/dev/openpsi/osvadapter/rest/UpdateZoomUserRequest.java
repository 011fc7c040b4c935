package dev.openpsi.osvadapter.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.openpsi.osvadapter.Subscriber;
import dev.openpsi.osvadapter.ZoomUser;

/** The new state of a Zoom user; everything but the email may change. */
@Schema(description = "Replaces names, number, SBC configuration and voicemail callback; the email cannot change")
public record UpdateZoomUserRequest(
        @Size(max = ZoomUser.EMAIL_MAX_LENGTH) @Pattern(regexp = ZoomUser.EMAIL_PATTERN, message = ZoomUser.EMAIL_MESSAGE)
        @Schema(description = "may be left out; if given it must be the user's email (any other value is refused with 422)",
                example = "jane.doe@acme.example") String email,
        @NotBlank @Size(max = ZoomUser.NAME_MAX_LENGTH)
        @Schema(example = "Jane", maxLength = ZoomUser.NAME_MAX_LENGTH, required = true) String firstName,
        @NotBlank @Size(max = ZoomUser.NAME_MAX_LENGTH)
        @Schema(example = "Smith", maxLength = ZoomUser.NAME_MAX_LENGTH, required = true) String lastName,
        @NotBlank @Size(max = 128) @Pattern(regexp = "\\S+", message = "must not contain white space")
        @Schema(example = "sbc-munich", required = true) String sbcConfigurationId,
        @NotNull @Pattern(regexp = Subscriber.DN_PATTERN, message = Subscriber.DN_MESSAGE)
        @Schema(example = "+4989700712345", required = true) String dn,
        @Pattern(regexp = Subscriber.DN_PATTERN, message = Subscriber.DN_MESSAGE)
        @Schema(description = "null for none", nullable = true) String voicemailCallbackNumber) implements ZoomUserInput {
}
