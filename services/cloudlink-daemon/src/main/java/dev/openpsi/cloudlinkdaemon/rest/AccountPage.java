package dev.openpsi.cloudlinkdaemon.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.openpsi.cloudlinkdaemon.service.AccountListing;

/** One page of accounts ordered by id. */
@Schema(description = "Accounts ordered by id; pass 'next' as 'after' to read the following page")
public record AccountPage(
        List<AccountResponse> items,
        @Schema(description = "the id to continue after; null on the last page") String next) {

    static AccountPage of(AccountListing listing) {
        return new AccountPage(listing.accounts().stream().map(AccountResponse::of).toList(), listing.next());
    }
}
