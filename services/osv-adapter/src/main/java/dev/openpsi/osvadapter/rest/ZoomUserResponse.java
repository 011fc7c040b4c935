package dev.openpsi.osvadapter.rest;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.openpsi.osvadapter.ZoomUser;

/** A Zoom user as the API shows it. */
@Schema(name = "ZoomUser", description = "A Zoom user as the PBX manager sees it")
public record ZoomUserResponse(
        @Schema(example = "acme") String account,
        @Schema(example = "jane.doe@acme.example") String email,
        @Schema(example = "Jane") String firstName,
        @Schema(example = "Doe") String lastName,
        @Schema(example = "+4989700712345") String dn,
        @Schema(example = "sbc-munich") String sbcConfigurationId,
        @Schema(nullable = true) String voicemailCallbackNumber,
        Instant createdAt,
        Instant updatedAt) {

    static ZoomUserResponse of(ZoomUser user) {
        return new ZoomUserResponse(user.account, user.email, user.firstName, user.lastName, user.dn,
                user.sbcConfigurationId, user.voicemailCallbackNumber, user.createdAt, user.updatedAt);
    }
}
