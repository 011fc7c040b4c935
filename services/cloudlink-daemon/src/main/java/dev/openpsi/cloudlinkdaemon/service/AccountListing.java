package dev.openpsi.cloudlinkdaemon.service;

import java.util.List;

import dev.openpsi.cloudlinkdaemon.Account;

/** One keyset page of accounts; {@code next} is the id to continue after, null on the last page. */
public record AccountListing(List<Account> accounts, String next) {
}
