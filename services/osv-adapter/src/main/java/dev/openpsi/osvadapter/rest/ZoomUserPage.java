package dev.openpsi.osvadapter.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.openpsi.osvadapter.ZoomUser;
import dev.openpsi.osvadapter.service.Listing;

/** One page of Zoom users ordered by email. */
@Schema(description = "Zoom users ordered by email; pass 'next' as 'after' to read the following page")
public record ZoomUserPage(
        List<ZoomUserResponse> items,
        @Schema(description = "the email to continue after; null on the last page") String next) {

    static ZoomUserPage of(Listing<ZoomUser> listing) {
        return new ZoomUserPage(listing.items().stream().map(ZoomUserResponse::of).toList(), listing.next());
    }
}
