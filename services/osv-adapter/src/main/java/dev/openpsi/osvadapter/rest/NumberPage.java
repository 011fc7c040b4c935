package dev.openpsi.osvadapter.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.openpsi.osvadapter.Subscriber;
import dev.openpsi.osvadapter.service.Listing;

/** One page of OSV numbers ordered by DN. */
@Schema(description = "OSV resources (numbers) ordered by DN; pass 'next' as 'after' to read the following page")
public record NumberPage(
        List<OsvNumber> items,
        @Schema(description = "the DN to continue after; null on the last page") String next) {

    /** One OSV number. */
    @Schema(name = "OsvNumber")
    public record OsvNumber(@Schema(example = "+4989700712345") String dn, boolean zoomUser,
                         boolean registrationViaCentralSbc) {
    }

    static NumberPage of(Listing<Subscriber> listing) {
        return new NumberPage(listing.items().stream()
                .map(s -> new OsvNumber(s.dn, s.zoomUser, s.registrationViaCentralSbc)).toList(), listing.next());
    }
}
