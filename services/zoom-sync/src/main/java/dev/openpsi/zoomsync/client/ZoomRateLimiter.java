package dev.openpsi.zoomsync.client;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.openpsi.zoomsync.config.ZoomConfig;
import io.smallrye.mutiny.Uni;
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

    private final Pool pool;
    private final Map<RateCategory, Long> intervalMicros = new EnumMap<>(RateCategory.class);

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
        return reserve(account, category).chain(wait -> wait.isZero() || wait.isNegative()
                ? Uni.createFrom().voidItem()
                : Uni.createFrom().voidItem().onItem().delayIt().by(wait));
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

    /** The spacing of one category's slots. */
    public Duration interval(RateCategory category) {
        return Duration.ofNanos(intervalMicros.get(category) * 1000);
    }
}
