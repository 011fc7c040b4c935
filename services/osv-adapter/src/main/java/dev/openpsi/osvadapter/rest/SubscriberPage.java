package dev.openpsi.osvadapter.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.openpsi.osvadapter.Subscriber;
import dev.openpsi.osvadapter.service.Listing;

/** One page of subscribers ordered by DN. */
@Schema(description = "Subscribers ordered by DN; pass 'next' as 'after' to read the following page")
public record SubscriberPage(
        List<SubscriberResponse> items,
        @Schema(description = "the DN to continue after; null on the last page") String next) {

    static SubscriberPage of(Listing<Subscriber> listing) {
        return new SubscriberPage(listing.items().stream().map(SubscriberResponse::of).toList(), listing.next());
    }
}
