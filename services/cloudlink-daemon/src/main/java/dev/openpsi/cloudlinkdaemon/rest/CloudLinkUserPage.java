package dev.openpsi.cloudlinkdaemon.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of CloudLink users ordered by email. */
@Schema(description = "CloudLink users ordered by email; pass 'next' as 'after' to read the following page")
public record CloudLinkUserPage(
        List<CloudLinkUserResponse> items,
        @Schema(description = "the email to continue after; null on the last page") String next) {
}
