package dev.openpsi.zoomsync.service;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.smallrye.mutiny.Uni;

/**
 * Splits one rate-limit budget between page listings that run side by side, in proportion to the
 * pages each has left, so that they all end together instead of the longest one finishing alone.
 *
 * <p>Why not just let them race for the limiter's slots: a listing is a chain (page n+1 needs the
 * token of page n), so it can only take a slot when its last page has come back. When the others
 * keep the limiter busy, a chain whose round trip is a little longer than one slot interval finds
 * the next slot taken and gets only every second one. So the longest chain is never held back here,
 * and every other one waits between its requests {@code interval * (pages left in all / pages
 * left in this one)}: together they leave the longest chain the share its length needs, and the
 * limiter still guarantees the total rate.
 */
final class ListingShares {

    /** A length at or above this is not known yet: it ranks first and takes no part in the shares. */
    static final int UNKNOWN = 1_000_000;
    /**
     * A shorter listing asks a little more often than its share: the limiter still serves the
     * longest one first, and a slot the longest one is not ready for does not go unused.
     */
    private static final double SLACK = 0.8;
    private static final long MIN_STEP = 1_000_000;
    private static final long MAX_STEP = 50_000_000;

    private final long intervalNanos;
    private final Map<String, Integer> left = new HashMap<>();
    private final Map<String, Long> lastRequest = new HashMap<>();

    ListingShares(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /** Records how many pages {@code listing} has left (at least 1 while it runs; {@link #UNKNOWN} if not known yet). */
    synchronized void left(String listing, int pages) {
        left.put(listing, Math.max(1, pages));
    }

    /** The listing has ended: the others share what it leaves. */
    synchronized void done(String listing) {
        left.remove(listing);
        lastRequest.remove(listing);
    }

    /**
     * Completes when {@code listing} may request its next page. A long wait is taken in steps and
     * looked at again, as the shares change when another listing learns its length or ends.
     */
    Uni<Void> turn(String listing) {
        return Uni.createFrom().deferred(() -> {
            long wait = waitNanos(listing, System.nanoTime());
            return wait == 0 ? Uni.createFrom().voidItem()
                    : Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofNanos(Math.max(MIN_STEP, Math.min(wait, MAX_STEP))))
                            .chain(() -> turn(listing));
        });
    }

    /** 0 if {@code listing} may request now (and then it is booked as its last request), else how long until it may. */
    synchronized long waitNanos(String listing, long now) {
        int mine = left.getOrDefault(listing, 1);
        long known = 0;
        int longest = 0;
        for (int pages : left.values()) {
            if (pages < UNKNOWN) {
                known += pages;
                longest = Math.max(longest, pages);
            }
        }
        Long last = lastRequest.get(listing);
        // the longest listing, one of unknown length and a first request never wait
        if (last == null || mine >= UNKNOWN || mine >= longest) {
            lastRequest.put(listing, now);
            return 0;
        }
        long due = last + (long) (intervalNanos * SLACK * ((double) known / mine));
        if (now >= due) {
            lastRequest.put(listing, now);
            return 0;
        }
        return due - now;
    }
}
