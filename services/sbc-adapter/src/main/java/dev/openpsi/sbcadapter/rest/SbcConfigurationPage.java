package dev.openpsi.sbcadapter.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.openpsi.sbcadapter.service.SbcConfigurationListing;

/** One page of an account's SBC configurations ordered by name. */
@Schema(description = "SBC configurations ordered by name (ignoring case); pass 'next' as 'after' to read the following page")
public record SbcConfigurationPage(
        List<SbcConfigurationResponse> items,
        @Schema(description = "the name to continue after; null on the last page") String next) {

    static SbcConfigurationPage of(SbcConfigurationListing listing) {
        return new SbcConfigurationPage(listing.configurations().stream().map(SbcConfigurationResponse::of).toList(),
                listing.next());
    }
}
