package dev.openpsi.sbcadapter.service;

import java.util.List;

import dev.openpsi.sbcadapter.SbcConfiguration;

/** One keyset page of an account's SBC configurations; {@code next} is the name to continue after, null on the last page. */
public record SbcConfigurationListing(List<SbcConfiguration> configurations, String next) {
}
