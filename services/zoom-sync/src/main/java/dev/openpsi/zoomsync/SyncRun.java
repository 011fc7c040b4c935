package dev.openpsi.zoomsync;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import io.vertx.mutiny.sqlclient.Row;

/** One run of the mirror sync (table sync_run): what it did so far and how it ended. */
public record SyncRun(UUID id, String account, String mode, String status, String phase, int usersSynced,
        int phonesSynced, int usersRemoved, int phonesRemoved, int pages, String error, Instant requestedAt,
        Instant startedAt, Instant finishedAt) {

    public static final String COLUMNS = "id, account, mode, status, phase, users_synced, phones_synced, users_removed, "
            + "phones_removed, pages, error, requested_at, started_at, finished_at";

    public static SyncRun from(Row r) {
        return new SyncRun(r.getUUID("id"), r.getString("account"), r.getString("mode"), r.getString("status"),
                r.getString("phase"), r.getInteger("users_synced"), r.getInteger("phones_synced"),
                r.getInteger("users_removed"), r.getInteger("phones_removed"), r.getInteger("pages"), r.getString("error"),
                instant(r.getOffsetDateTime("requested_at")), instant(r.getOffsetDateTime("started_at")),
                instant(r.getOffsetDateTime("finished_at")));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
