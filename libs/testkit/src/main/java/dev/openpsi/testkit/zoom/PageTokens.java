package dev.openpsi.testkit.zoom;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code next_page_token}s: opaque, bound to one account and one list endpoint, reusable until they expire
 * ("The expiration period for this token is 15 minutes", Users API {@code GET /users}, parameter
 * {@code next_page_token}). A token remembers where its page ends (keyset on insertion order), so users or
 * phones added or removed while a client pages are neither skipped nor repeated.
 */
final class PageTokens {

    /** Where the next page starts. {@code filter} is the list's own filter (status, search key). */
    record Cursor(String accountId, String list, String filter, long afterSeq, int pageSize, int pageNumber,
            long issuedAtMillis) {
    }

    private final Clock clock;
    private final Map<String, Cursor> cursors = new ConcurrentHashMap<>();
    private volatile Duration lifetime = Duration.ofMinutes(15);

    PageTokens(Clock clock) {
        this.clock = clock;
    }

    void setLifetime(Duration lifetime) {
        this.lifetime = lifetime;
    }

    String issue(String accountId, String list, String filter, long afterSeq, int pageSize, int pageNumber) {
        long now = clock.millis();
        if (cursors.size() > 10_000) {
            long ttl = lifetime.toMillis();
            cursors.values().removeIf(c -> now - c.issuedAtMillis() > ttl);
        }
        String token = Http.alnumToken(35);
        cursors.put(token, new Cursor(accountId, list, filter, afterSeq, pageSize, pageNumber, now));
        return token;
    }

    /** The cursor of a live token of this account and list; null when unknown, foreign or expired. */
    Cursor resolve(String token, String accountId, String list) {
        Cursor c = cursors.get(token);
        if (c == null || !c.accountId().equals(accountId) || !c.list().equals(list)) {
            return null;
        }
        if (clock.millis() - c.issuedAtMillis() > lifetime.toMillis()) {
            cursors.remove(token);
            return null;
        }
        return c;
    }
}
