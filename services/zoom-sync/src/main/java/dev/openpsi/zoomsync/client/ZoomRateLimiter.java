package dev.openpsi.zoomsync.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.openpsi.zoomsync.config.ZoomConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Zoom's per-second limits, per (account, category), held by all replicas together.
 *
 * <p><b>How:</b> a scheduling variant of GCRA ("leaky bucket as a meter") on PostgreSQL. One row per
 * (account, category) in {@code zoom_rate_slot} holds the next free send slot. A caller reserves
 * the slot with one statement, {@code insert ... on conflict do update set next_slot =
 * greatest(next_slot, clock_timestamp()) + 1/limit returning ...}: an autocommitted, single-row
 * transaction, so the row lock is held for microseconds, and concurrent reservations from any
 * replica serialize on that row and each get a distinct slot one interval after the previous
 * one. The interval is {@code 1/limit} stretched by a configurable headroom (3% by default), so
 * that network and scheduling jitter cannot squeeze one request too many into Zoom's window. The
 * caller then waits (a non-blocking timer, never a blocked thread) until its slot and sends. The
 * times come from the database clock only, so replicas need no synchronized clocks.
 *
 * <p><b>Why not a per-second counter row:</b> a counter per calendar second admits N at the end of
 * one second and N again at the start of the next - 2N within one real second. Zoom counts in a
 * sliding window, so that would be throttled. Evenly spaced slots never put more than N requests
 * in any one-second span. <b>Why not {@code select ... for update} on a token row:</b> it needs a
 * round trip more and keeps the lock across it; the upsert does the same in one statement and
 * also creates the row on first use. The price: no bursts (requests are paced), which costs
 * nothing for a background sync and provisioning.
 *
 * <p><b>Who gets a slot:</b> within one replica, callers of an (account, category) queue locally
 * and one reservation at a time is made for the queue; when its slot comes, it goes to the waiter
 * with the highest priority (first come among equals), not to whoever asked first. A full sync
 * runs several page chains side by side, each strictly sequential (the next page needs the
 * token of the one before), so the whole sync can end no sooner than its longest chain: handing
 * each slot to the chain with the most pages left keeps that chain moving while the short ones
 * fill the gaps it leaves. Deciding at the slot rather than at the reservation is what lets a
 * chain that was busy receiving its last page still take the next slot. Replicas stay fair to
 * each other through the row in PostgreSQL: each holds at most one reservation per key at a time.
 */
@ApplicationScoped
public class ZoomRateLimiter {

    private static final String RESERVE = """
            insert into zoom_rate_slot as s (account, category, next_slot)
            values ($1, $2, clock_timestamp() + $3::float8 * interval '1 microsecond')
            on conflict (account, category) do update
               set next_slot = greatest(s.next_slot, clock_timestamp()) + $3::float8 * interval '1 microsecond'
            returning ((extract(epoch from s.next_slot) - extract(epoch from clock_timestamp())) * 1000000)::bigint as ahead
            """;

    private static final Duration MIN_TIMER = Duration.ofMillis(1);

    private final Pool pool;
    private final Map<RateCategory, Long> intervalMicros = new EnumMap<>(RateCategory.class);
    /** How long a slot nobody waited for stays usable (see SlotQueue#grant). */
    private final long openSlotNanos;
    private final Map<String, SlotQueue> queues = new ConcurrentHashMap<>();

    @Inject
    public ZoomRateLimiter(Pool pool, ZoomConfig config) {
        this(pool, Map.of(RateCategory.LIGHT, config.rateLimits().light(), RateCategory.MEDIUM,
                config.rateLimits().medium(), RateCategory.HEAVY, config.rateLimits().heavy()), config.rateLimits().headroom());
    }

    /** A limiter on its own pool (tests run two of them, as two replicas would). */
    public ZoomRateLimiter(Pool pool, Map<RateCategory, Integer> perSecond, int headroomPercent) {
        this.pool = pool;
        if (headroomPercent < 0 || headroomPercent >= 100) {
            throw new IllegalArgumentException("rate limit headroom is a percentage 0..99: " + headroomPercent);
        }
        // sending d late can put the slots of 1 s + d into one second; the headroom makes 1 s hold
        // limit * interval = 1 s / (1 - h) of slots, so d must stay below 1 s * h / (1 - h): half of that
        this.openSlotNanos = 1_000_000_000L * headroomPercent / (100 - headroomPercent) / 2;
        perSecond.forEach((category, limit) -> {
            if (limit <= 0) {
                throw new IllegalArgumentException("rate limit of " + category + " must be positive: " + limit);
            }
            // micros between two slots, rounded up: never faster than (100 - headroom)% of the limit
            long paced = (long) limit * (100 - headroomPercent);
            intervalMicros.put(category, (100_000_000L + paced - 1) / paced);
        });
    }

    /** Completes when the caller may send one request of {@code category} for {@code account}. */
    public Uni<Void> acquire(String account, RateCategory category) {
        return acquire(account, category, 0);
    }

    /**
     * Like {@link #acquire(String, RateCategory)}, but among this replica's waiters for the same
     * account and category, a higher {@code priority} is served first.
     */
    public Uni<Void> acquire(String account, RateCategory category, int priority) {
        SlotQueue queue = queues.computeIfAbsent(account + '\u0000' + category.name(), k -> new SlotQueue(account, category));
        return Uni.createFrom().emitter(emitter -> queue.add(priority, emitter));
    }

    /** Reserves the next slot and tells how long to wait for it. */
    public Uni<Duration> reserve(String account, RateCategory category) {
        long interval = intervalMicros.get(category);
        return pool.preparedQuery(RESERVE).execute(Tuple.of(account, category.name(), (double) interval))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    long waitMicros = row.getLong("ahead") - interval;
                    return Duration.ofNanos(Math.max(0, waitMicros) * 1000);
                });
    }

    /**
     * The waiters of one (account, category) in this replica and the one reservation made for
     * them at a time: reserve, wait for the slot, hand it to the best waiter, reserve again while
     * anyone waits.
     */
    private final class SlotQueue {

        private record Waiter(int priority, long seq, UniEmitter<? super Void> emitter) {
        }

        private final String account;
        private final RateCategory category;
        private final PriorityQueue<Waiter> waiters = new PriorityQueue<>(
                Comparator.comparingInt(Waiter::priority).reversed().thenComparingLong(Waiter::seq));
        private long seq;
        private boolean reserving;
        /** A slot that came while nobody waited stays usable until this time (System.nanoTime), else 0. */
        private long openUntil;

        SlotQueue(String account, RateCategory category) {
            this.account = account;
            this.category = category;
        }

        void add(int priority, UniEmitter<? super Void> emitter) {
            boolean now;
            synchronized (this) {
                now = openUntil != 0 && System.nanoTime() < openUntil;
                openUntil = 0;
                if (!now) {
                    waiters.add(new Waiter(priority, seq++, emitter));
                }
            }
            if (now) {
                emitter.complete(null);
            } else {
                pump();
            }
        }

        private void pump() {
            synchronized (this) {
                if (reserving || waiters.isEmpty()) {
                    return;
                }
                reserving = true;
            }
            reserve(account, category).subscribe().with(wait -> {
                long slotAt = System.nanoTime() + wait.toNanos();
                if (wait.compareTo(MIN_TIMER) < 0) { // timers start at 1 ms; the slot is as good as here
                    grant(slotAt);
                } else {
                    Uni.createFrom().voidItem().onItem().delayIt().by(wait).subscribe().with(x -> grant(slotAt), x -> grant(slotAt));
                }
            }, this::failAll);
        }

        /**
         * Hands the slot (due at {@code slotAt}, System.nanoTime) to the best waiter. The next slot
         * is one interval after this one's time whatever happens here, so a send later than its slot
         * shortens one gap; what keeps every second within the limit is the headroom: at 3 % the
         * limit's slots span 1,031 ms, so a send up to 15 ms late (half that slack) cannot add one.
         * Hence: a timer that fires later than that (a starved or paused JVM) does not send - the
         * slot is given up and a new one reserved; and with nobody waiting (a chain was still
         * receiving its page) the slot stays open only within that lateness, for whoever asks first.
         */
        private void grant(long slotAt) {
            long now = System.nanoTime();
            long maxLate = Math.min(openSlotNanos, intervalMicros.get(category) * 1000);
            Waiter next = null;
            synchronized (this) {
                reserving = false;
                if (now - slotAt <= Math.max(maxLate, MIN_TIMER.toNanos())) {
                    next = waiters.poll();
                    openUntil = next == null && maxLate > 0 ? slotAt + maxLate : 0;
                }
            }
            if (next != null) {
                next.emitter().complete(null);
            }
            pump();
        }

        /** The database could not hand out a slot: every waiter learns it (callers retry or fail as they would). */
        private void failAll(Throwable failure) {
            List<Waiter> failed;
            synchronized (this) {
                failed = new ArrayList<>(waiters);
                waiters.clear();
                reserving = false;
            }
            failed.forEach(w -> w.emitter().fail(failure));
        }
    }

    /** The spacing of one category's slots. */
    public Duration interval(RateCategory category) {
        return Duration.ofNanos(intervalMicros.get(category) * 1000);
    }
}
