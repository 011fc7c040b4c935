package dev.openpsi.zoomsync.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Listings side by side share the budget by the pages they have left; the longest is never held back. */
class ListingSharesTest {

    private static final long MS = 1_000_000;

    @Test
    void theLongestListingNeverWaitsAndAShorterOneTakesItsShare() {
        ListingShares shares = new ListingShares(Duration.ofMillis(10));
        shares.left("phones", 600);
        shares.left("users", 300);
        long now = 0;
        assertEquals(0, shares.waitNanos("phones", now));
        assertEquals(0, shares.waitNanos("users", now), "a listing's first request goes at once");
        for (int i = 0; i < 4; i++) {
            now += 5 * MS;
            assertEquals(0, shares.waitNanos("phones", now), "the longest chain is never paced");
        }
        // users has a third of the pages left: one request per 10 ms * 900 / 300 = 30 ms, less 20 % slack: 24 ms
        assertEquals(24 * MS - now, shares.waitNanos("users", now));
        assertEquals(0, shares.waitNanos("users", 24 * MS), "due: it goes");
        assertEquals(24 * MS, shares.waitNanos("users", 24 * MS), "and the next one is due 24 ms later");
    }

    @Test
    void aListingOfUnknownLengthTakesNoPartInTheShares() {
        ListingShares shares = new ListingShares(Duration.ofMillis(10));
        shares.left("phones", ListingShares.UNKNOWN);
        shares.left("users", 300);
        shares.waitNanos("users", 0);
        shares.waitNanos("phones", 0);
        assertEquals(0, shares.waitNanos("users", MS), "the longest known one goes at full speed");
        assertEquals(0, shares.waitNanos("phones", MS), "so does the unknown one");
        shares.left("phones", 600);
        assertEquals(24 * MS - MS, shares.waitNanos("users", 2 * MS), "once the length is known, the shares apply");
    }

    @Test
    void aListingThatBecomesTheLongestOrIsAloneIsNoLongerPaced() {
        ListingShares shares = new ListingShares(Duration.ofMillis(10));
        shares.left("phones", 100);
        shares.left("users", 50);
        shares.waitNanos("users", 0);
        assertEquals(24 * MS, shares.waitNanos("users", 0));
        shares.left("users", 100);
        assertEquals(0, shares.waitNanos("users", 40 * MS), "equal lengths: both go at full speed");
        shares.left("users", 10);
        shares.done("phones");
        assertEquals(0, shares.waitNanos("users", 41 * MS), "alone, it is the longest");
    }
}
