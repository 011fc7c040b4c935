package dev.openpsi.cloudlinkdaemon.rest;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.openpsi.cloudlinkdaemon.CloudLinkUser;

/** A CloudLink user with the licences it holds. */
@Schema(description = "A user of the account's CloudLink user database")
public record CloudLinkUserResponse(
        String email,
        @Schema(description = "the CloudLink user id (clUserId of the comparison report)") String clUserId,
        String firstName,
        String lastName,
        @Schema(description = "licences held, e.g. [\"ZoomPSI\"]") List<String> licenses,
        Instant createdAt,
        Instant updatedAt) {

    public static CloudLinkUserResponse of(CloudLinkUser user, List<String> licenses) {
        return new CloudLinkUserResponse(user.email, user.id.toString(), user.firstName, user.lastName, licenses,
                user.createdAt, user.updatedAt);
    }
}
