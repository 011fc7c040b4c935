package dev.openpsi.testkit.zoom;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per Zoom account and per category request limiter ("Rate limits are applied at the account level ...
 * APIs are grouped by request type with unique rate limits for each", developers.zoom.us/docs/api/rate-limits).
 *
 * <p>Each (account, category) pair keeps a sliding-window log: a request is admitted when fewer than
 * {@code limit} requests were admitted in the last window (one second; one minute for resource-intensive
 * APIs), so no span of one window ever holds more than {@code limit} admitted requests. Attempts (admitted or
 * not) are logged as well, which gives the highest rate a client actually sent.
 */
final class RateLimiter {

    /** Outcome of one attempt; {@code limit <= 0} means the category is not limited. */
    record Decision(boolean allowed, RateLimitCategory category, int limit, int remaining, long retryAfterSeconds) {
    }

    private final Clock clock;
    private final Map<RateLimitCategory, Integer> defaults = new EnumMap<>(RateLimitCategory.class);
    private final Map<String, Map<RateLimitCategory, Integer>> perAccount = new ConcurrentHashMap<>();
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private volatile boolean enabled = true;

    RateLimiter(Clock clock) {
        this.clock = clock;
        for (RateLimitCategory c : RateLimitCategory.values()) {
            defaults.put(c, c.businessPlusLimit());
        }
    }

    synchronized void setDefault(RateLimitCategory category, int limit) {
        defaults.put(category, limit);
    }

    void setForAccount(String accountId, RateLimitCategory category, int limit) {
        perAccount.computeIfAbsent(accountId, k -> new ConcurrentHashMap<>()).put(category, limit);
    }

    void setEnabled(boolean on) {
        enabled = on;
    }

    synchronized int limit(String accountId, RateLimitCategory category) {
        Map<RateLimitCategory, Integer> own = perAccount.get(accountId);
        Integer l = own == null ? null : own.get(category);
        return l != null ? l : defaults.get(category);
    }

    Decision acquire(String accountId, RateLimitCategory category) {
        int limit = enabled ? limit(accountId, category) : 0;
        Window w = window(accountId, category);
        return w.attempt(clock.millis(), limit, category);
    }

    int maxAttemptsPerWindow(String accountId, RateLimitCategory category) {
        Window w = windows.get(accountId + '\n' + category);
        return w == null ? 0 : w.maxAttempts();
    }

    int maxAdmittedPerWindow(String accountId, RateLimitCategory category) {
        Window w = windows.get(accountId + '\n' + category);
        return w == null ? 0 : w.maxAdmitted();
    }

    void reset() {
        windows.clear();
    }

    private Window window(String accountId, RateLimitCategory category) {
        return windows.computeIfAbsent(accountId + '\n' + category, k -> new Window(category.window().toMillis()));
    }

    private static final class Window {
        private final long spanMillis;
        private final ArrayDeque<Long> admitted = new ArrayDeque<>();
        private final ArrayDeque<Long> attempts = new ArrayDeque<>();
        private int maxAttempts;
        private int maxAdmitted;

        Window(long spanMillis) {
            this.spanMillis = spanMillis;
        }

        synchronized Decision attempt(long now, int limit, RateLimitCategory category) {
            prune(attempts, now);
            prune(admitted, now);
            attempts.addLast(now);
            maxAttempts = Math.max(maxAttempts, attempts.size());
            if (limit > 0 && admitted.size() >= limit) {
                long freeAt = admitted.peekFirst() + spanMillis;
                long retryAfter = Math.max(1, (freeAt - now + 999) / 1000);
                return new Decision(false, category, limit, 0, retryAfter);
            }
            admitted.addLast(now);
            maxAdmitted = Math.max(maxAdmitted, admitted.size());
            return new Decision(true, category, limit, limit > 0 ? limit - admitted.size() : 0, 0);
        }

        private void prune(ArrayDeque<Long> log, long now) {
            while (!log.isEmpty() && log.peekFirst() <= now - spanMillis) {
                log.removeFirst();
            }
        }

        synchronized int maxAttempts() {
            return maxAttempts;
        }

        synchronized int maxAdmitted() {
            return maxAdmitted;
        }
    }
}
