package dev.openpsi.osvadapter.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.openpsi.osvadapter.Subscriber;
import dev.openpsi.osvadapter.ZoomUser;

/** A Zoom user as the PBX manager adds it ("Zoom > Users > Add"). */
@Schema(description = "A new Zoom user, linked to a Zoom-flagged subscriber and an SBC configuration")
public record CreateZoomUserRequest(
        @NotNull @Size(max = ZoomUser.EMAIL_MAX_LENGTH) @Pattern(regexp = ZoomUser.EMAIL_PATTERN, message = ZoomUser.EMAIL_MESSAGE)
        @Schema(description = "the cross-system identifier; stored lowercase, unique in the account, never changes",
                example = "jane.doe@acme.example", maxLength = ZoomUser.EMAIL_MAX_LENGTH, required = true) String email,
        @NotBlank @Size(max = ZoomUser.NAME_MAX_LENGTH)
        @Schema(example = "Jane", maxLength = ZoomUser.NAME_MAX_LENGTH, required = true) String firstName,
        @NotBlank @Size(max = ZoomUser.NAME_MAX_LENGTH)
        @Schema(example = "Doe", maxLength = ZoomUser.NAME_MAX_LENGTH, required = true) String lastName,
        @NotBlank @Size(max = 128) @Pattern(regexp = "\\S+", message = "must not contain white space")
        @Schema(description = "an SBC configuration of the account (GET /api/v1/sbc-configurations)",
                example = "sbc-munich", required = true) String sbcConfigurationId,
        @NotNull @Pattern(regexp = Subscriber.DN_PATTERN, message = Subscriber.DN_MESSAGE)
        @Schema(description = "the phone number: a Zoom-flagged subscriber of the account (GET /api/v1/resources?search=)",
                example = "+4989700712345", required = true) String dn,
        @Pattern(regexp = Subscriber.DN_PATTERN, message = Subscriber.DN_MESSAGE)
        @Schema(description = "E.164 number the client dials for voicemail; null for none", example = "+4989700700000",
                nullable = true) String voicemailCallbackNumber) implements ZoomUserInput {
}
