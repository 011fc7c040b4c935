package dev.openpsi.zoomsync.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.openpsi.security.Problems;
import dev.openpsi.zoomsync.SyncRun;
import dev.openpsi.zoomsync.client.RateCategory;
import dev.openpsi.zoomsync.repository.MirrorRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Mirrors an account's Zoom users (every status: {@code GET /users} lists one status at a time) and
 * SIP phones ({@code GET /sip_phones/phones}) into zoom_user and zoom_sip_phone, 300 per page
 * following {@code next_page_token}, each page upserted in one statement. A full run then removes
 * rows it did not see (deleted in Zoom); an incremental run only adds and updates (Zoom offers no
 * change feed for users, so it reads the same pages but never deletes). Runs are recorded with
 * their progress and end; the connection shows the last outcome.
 */
@ApplicationScoped
public class MirrorSync {

    private static final Logger LOG = Logger.getLogger(MirrorSync.class);
    static final int PAGE_SIZE = 300;
    private static final List<String> USER_STATUSES = List.of("active", "inactive", "pending");

    private final Pool pool;
    private final ZoomGateway zoom;
    private final MirrorRepository mirror;
    private final ZoomConnections connections;

    public MirrorSync(Pool pool, ZoomGateway zoom, MirrorRepository mirror, ZoomConnections connections) {
        this.pool = pool;
        this.zoom = zoom;
        this.mirror = mirror;
        this.connections = connections;
    }

    /** Records a run and starts it in the background; the run as recorded (status queued). */
    public Uni<SyncRun> start(String account, String mode) {
        return connections.require(account).chain(c -> pool.preparedQuery("""
                        insert into sync_run (id, account, mode, status, requested_at) values ($1, $2, $3, 'queued', now())
                        returning %s""".formatted(SyncRun.COLUMNS))
                .execute(Tuple.of(UUID.randomUUID(), account, mode))
                .map(rows -> SyncRun.from(rows.iterator().next())))
                .invoke(run -> run(run).subscribe().with(
                        done -> LOG.infof("sync run %s of %s ended", run.id(), account),
                        failure -> LOG.errorf(failure, "sync run %s of %s could not record its end", run.id(), account)));
    }

    public Uni<SyncRun> get(String account, UUID id) {
        return pool.preparedQuery("select " + SyncRun.COLUMNS + " from sync_run where id = $1 and account = $2")
                .execute(Tuple.of(id, account)).map(rows -> {
                    if (rows.size() == 0) {
                        throw Problems.notFound();
                    }
                    return SyncRun.from(rows.iterator().next());
                });
    }

    /** Runs a recorded run to its end (succeeded or failed); never fails itself unless the database does. */
    public Uni<Void> run(SyncRun run) {
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        String account = run.account();
        boolean full = "full".equals(run.mode());
        // The listings are independent: run them side by side so they share the MEDIUM budget, and
        // within each listing store page n while page n+1 is being fetched. Each one knows how many
        // pages it has left: users pages say so (page_count); the SIP phone listing does not, so it
        // is estimated from the phones the last run mirrored or, on a first run, from two phones
        // (desktop and mobile) per listed user. That count orders the listings' requests for the
        // limiter's slots (ZoomRateLimiter) and sets their shares of the budget (ListingShares).
        ListingShares shares = new ListingShares(zoom.interval(RateCategory.MEDIUM));
        AtomicInteger userPages = new AtomicInteger();
        List<Uni<Void>> listings = new ArrayList<>();
        for (String status : USER_STATUSES) {
            listings.add(pages("users " + status, shares, null, UNKNOWN_LENGTH,
                    (token, priority) -> zoom.listUsers(account, status, token, PAGE_SIZE, priority),
                    (page, before) -> {
                        if (page.getInteger("page_number", 1) == 1) {
                            userPages.addAndGet(page.getInteger("page_count", 1));
                        }
                        return page.getInteger("page_count", 1) - page.getInteger("page_number", 1);
                    },
                    page -> mirror.upsertUsers(account, array(page, "users"), start)
                            .chain(count -> progress(run.id(), "running", "users " + status, count, 0, 1)),
                    DONE, DONE));
        }
        AtomicInteger phonePages = new AtomicInteger();
        listings.add(mirror.countPhones(account).chain(known -> pages("phones", shares, null,
                known == 0 ? UNKNOWN_LENGTH : pagesOf(known),
                (token, priority) -> zoom.listSipPhones(account, null, token, PAGE_SIZE, priority),
                (page, before) -> {
                    int done = phonePages.incrementAndGet();
                    if (known > 0) {
                        return pagesOf(known) - done;
                    }
                    return userPages.get() == 0 ? UNKNOWN_LENGTH : 2 * userPages.get() - done;
                },
                page -> mirror.upsertPhones(account, array(page, "phones"), start)
                        .chain(count -> progress(run.id(), "running", "phones", 0, count, 1)),
                DONE, DONE)));
        Uni<Void> work = progress(run.id(), "running", "users", 0, 0, 0)
                .chain(() -> Uni.combine().all().unis(listings).discardItems())
                .chain(() -> !full ? Uni.createFrom().voidItem()
                        : mirror.removeUsersNotSeen(account, start)
                                .chain(users -> mirror.removePhonesNotSeen(account, start)
                                        .chain(phones -> pool.preparedQuery(
                                                "update sync_run set users_removed = $2, phones_removed = $3 where id = $1")
                                                .execute(Tuple.of(run.id(), users, phones))))
                                .replaceWithVoid());
        return work
                .chain(() -> finish(run.id(), "succeeded", null))
                .chain(() -> connections.syncFinished(account, true, null))
                .onFailure().recoverWithUni(failure -> {
                    String error = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
                    LOG.warnf("sync run %s of %s failed: %s", run.id(), account, error);
                    return finish(run.id(), "failed", error).chain(() -> connections.syncFinished(account, false, error));
                });
    }

    private static final Uni<Void> DONE = Uni.createFrom().voidItem();
    /** Pages left of a listing whose length is not known yet: ranks it above every known one. */
    static final int UNKNOWN_LENGTH = ListingShares.UNKNOWN;

    /** Fetches one page given the page token and the listing's priority for its rate-limit slot. */
    @FunctionalInterface
    private interface PageFetch {
        Uni<JsonObject> fetch(String token, int priority);
    }

    /** The pages a listing has left after {@code page}, given how many it had before it. */
    @FunctionalInterface
    private interface PagesLeft {
        int after(JsonObject page, int before);
    }

    /**
     * Follows next_page_token until it is empty, storing each page as soon as it arrives while the next
     * one is already requested: a listing's stores run one at a time, in page order ({@code stored}
     * is the store of the page before), and a page is only requested once the store two pages back
     * ({@code gate}) is done, so at most one store runs and one waits per listing. Completes when the
     * last page is stored; fails with the first failure of a fetch or a store. {@code left} is the
     * number of pages the listing has left (its slot priority); {@code leftAfter} reads it from a page.
     */
    private static Uni<Void> pages(String listing, ListingShares shares, String token, int left, PageFetch fetch,
            PagesLeft leftAfter, Function<JsonObject, Uni<Void>> store, Uni<Void> stored, Uni<Void> gate) {
        shares.left(listing, left);
        return gate.chain(() -> shares.turn(listing)).chain(() -> fetch.fetch(token, left)).chain(body -> {
            Uni<Void> storedHere = stored.chain(() -> store.apply(body)).memoize().indefinitely();
            String next = body.getString("next_page_token");
            if (next == null || next.isEmpty()) {
                shares.done(listing);
                return storedHere;
            }
            int leftNow = Math.max(1, Math.min(UNKNOWN_LENGTH, leftAfter.after(body, left)));
            return Uni.combine().all().unis(storedHere,
                    pages(listing, shares, next, leftNow, fetch, leftAfter, store, storedHere, stored)).discardItems();
        }).onTermination().invoke(() -> shares.done(listing));
    }

    private static int pagesOf(long items) {
        return (int) Math.min(UNKNOWN_LENGTH, (items + PAGE_SIZE - 1) / PAGE_SIZE);
    }

    private Uni<Void> progress(UUID run, String status, String phase, int users, int phones, int pages) {
        return pool.preparedQuery("""
                update sync_run set status = $2, phase = $3, users_synced = users_synced + $4,
                       phones_synced = phones_synced + $5, pages = pages + $6, started_at = coalesce(started_at, now())
                 where id = $1""").execute(Tuple.from(new Object[] {run, status, phase, users, phones, pages}))
                .replaceWithVoid();
    }

    private Uni<Void> finish(UUID run, String status, String error) {
        return pool.preparedQuery("update sync_run set status = $2, error = $3, phase = null, finished_at = now() where id = $1")
                .execute(Tuple.of(run, status, error)).replaceWithVoid();
    }

    private static JsonArray array(JsonObject page, String field) {
        JsonArray a = page.getJsonArray(field);
        return a == null ? new JsonArray() : a;
    }
}
