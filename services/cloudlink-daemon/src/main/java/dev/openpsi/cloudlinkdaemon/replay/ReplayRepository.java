package dev.openpsi.cloudlinkdaemon.replay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The {@code replay} table: the audit row of every request and the progress of executed replays.
 * Blocking (awaits the reactive pool): used from REST worker threads and the replay runner's thread.
 */
@ApplicationScoped
public class ReplayRepository {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String COLUMNS = """
            id, kind, status, requested_by, requested_at, account, target, dry_run, redrive, refused_with, selected, sent,
            started_at, finished_at, error, scanned, to_scan, request::text as request_json""";

    private final Pool pool;
    private final ObjectMapper json;

    public ReplayRepository(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** One audit row. */
    public record Audit(UUID id, String kind, ReplayCaller caller, String account, Object request, String target,
                        boolean dryRun, boolean redrive, String status, Integer refusedWith, Long selected, String error) {
    }

    public void insert(Audit a) {
        boolean running = "running".equals(a.status());
        run("""
                insert into replay (id, kind, requested_by, caller_account, account, request, target, dry_run, redrive,
                       status, refused_with, selected, started_at, finished_at, error, heartbeat_at)
                values ($1, $2, $3, $4, $5, cast($6 as text)::jsonb, $7, $8, $9, $10, $11, $12,
                       case when $13 then now() end, case when $13 then null else now() end, $14,
                       case when $13 then now() end)""",
                Tuple.tuple().addValue(a.id()).addValue(a.kind()).addValue(a.caller().who()).addValue(a.caller().account())
                        .addValue(a.account()).addValue(text(a.request())).addValue(a.target()).addValue(a.dryRun())
                        .addValue(a.redrive()).addValue(a.status()).addValue(a.refusedWith()).addValue(a.selected())
                        .addValue(running).addValue(a.error()));
    }

    /** The records in the selection's range: what the pass reads, the denominator of the progress. */
    public void planned(UUID id, long toScan) {
        run("update replay set to_scan = $2, scanned = 0, selected = 0 where id = $1", Tuple.of(id, toScan));
    }

    /** Selected (found so far), acknowledged by Kafka, and records read of the range. */
    public void progress(UUID id, long selected, long sent, long scanned) {
        run("update replay set selected = $2, sent = $3, scanned = $4 where id = $1",
                Tuple.of(id, selected, sent, scanned));
    }

    public void finish(UUID id, boolean completed, long sent, String error) {
        run("update replay set status = $2, sent = $3, error = $4, finished_at = now() where id = $1",
                Tuple.of(id, completed ? "completed" : "failed", sent, error));
    }

    /** Marks the running replays {@code ids} as alive (their runner is this instance). */
    public void heartbeat(Collection<UUID> ids) {
        if (!ids.isEmpty()) {
            run("update replay set heartbeat_at = now() where status = 'running' and id = any($1)",
                    Tuple.of(ids.toArray(new UUID[0])));
        }
    }

    /** A replay failed because its daemon stopped. */
    public record Abandoned(UUID id, long sent, Long selected, String error) {
    }

    /**
     * Fails every replay still running without a heartbeat since {@code bound} ago: no live
     * instance runs it. One statement, so two instances recovering at once fail each row once.
     */
    public List<Abandoned> failAbandoned(Duration bound) {
        RowSet<Row> rows = pool.preparedQuery("""
                update replay set status = 'failed', finished_at = now(),
                       -- a single-pass replay (to_scan set) knows how far it read, not yet how many it selects
                       error = case when to_scan is null
                                    then 'interrupted: the daemon stopped after ' || sent || ' of '
                                         || coalesce(selected::text, 'the not yet counted') || ' records'
                                    else 'interrupted: the daemon stopped after ' || sent || ' records sent, '
                                         || coalesce(scanned, 0) || ' of ' || to_scan || ' records read'
                               end || '; run the replay again'
                where status = 'running'
                  and coalesce(heartbeat_at, started_at, requested_at) < now() - make_interval(secs => $1)
                returning id, sent, selected, error""")
                .execute(Tuple.of((double) bound.toMillis() / 1000)).await().atMost(TIMEOUT);
        List<Abandoned> failed = new ArrayList<>();
        for (Row row : rows) {
            failed.add(new Abandoned(row.getUUID("id"), row.getLong("sent"), row.getLong("selected"), row.getString("error")));
        }
        return failed;
    }

    /** The row if {@code caller} may see it. */
    public ReplayStatus find(ReplayCaller caller, UUID id) {
        Visible v = new Visible(caller);
        Tuple params = v.params().addValue(id);
        RowSet<Row> rows = pool.preparedQuery("select " + COLUMNS + " from replay where " + v.condition()
                + " and id = $" + params.size()).execute(params).await().atMost(TIMEOUT);
        return rows.size() == 0 ? null : status(rows.iterator().next());
    }

    /** The newest {@code limit} rows {@code caller} may see, optionally of one kind. */
    public List<ReplayStatus> list(ReplayCaller caller, String kind, int limit) {
        Visible v = new Visible(caller);
        Tuple params = v.params();
        String sql = "select " + COLUMNS + " from replay where " + v.condition();
        if (kind != null) {
            params.addValue(kind);
            sql += " and kind = $" + params.size();
        }
        params.addValue(limit);
        sql += " order by requested_at desc, id limit $" + params.size();
        List<ReplayStatus> result = new ArrayList<>();
        for (Row row : pool.preparedQuery(sql).execute(params).await().atMost(TIMEOUT)) {
            result.add(status(row));
        }
        return result;
    }

    /** Operators see every row; others the rows of the accounts they see, and their own requests. */
    private record Visible(ReplayCaller caller) {
        String condition() {
            if (caller.operator() || caller.access() != null && caller.access().service()) {
                return "true";
            }
            if (caller.access() == null) {
                return "requested_by = $1";
            }
            return caller.access().partner()
                    ? "(requested_by = $1 or account = $2 or account in (select a.id from account a where a.parent_id = $2))"
                    : "(requested_by = $1 or account = $2)";
        }

        Tuple params() {
            if (caller.operator() || caller.access() != null && caller.access().service()) {
                return Tuple.tuple();
            }
            return caller.access() == null ? Tuple.of(caller.who()) : Tuple.of(caller.who(), caller.access().account());
        }
    }

    private ReplayStatus status(Row row) {
        Long selected = row.getLong("selected");
        long sent = row.getLong("sent");
        Long scanned = row.getLong("scanned");
        Long toScan = row.getLong("to_scan");
        String status = row.getString("status");
        Double progress;
        if ("dry-run".equals(status) || "refused".equals(status)) {
            progress = null;
        } else if ("completed".equals(status)) {
            progress = 1.0;
        } else if (toScan != null) {
            // one pass: reading or (a paced replay) sending is behind - the lesser share says how far it is
            double read = toScan == 0 ? 1.0 : (double) (scanned == null ? 0 : scanned) / toScan;
            double sentShare = selected == null || selected == 0 ? 1.0 : (double) sent / selected;
            progress = Math.min(1.0, Math.min(read, sentShare));
        } else {
            // rows written before the single pass: sent of selected
            progress = selected == null ? null : selected == 0 ? 1.0 : Math.min(1.0, (double) sent / selected);
        }
        return new ReplayStatus(row.getUUID("id"), row.getString("kind"), row.getString("status"),
                row.getString("requested_by"), row.getOffsetDateTime("requested_at"), row.getString("account"),
                row.getString("target"), row.getBoolean("dry_run"), row.getBoolean("redrive"),
                row.getInteger("refused_with"), selected, sent, progress, scanned, toScan, row.getOffsetDateTime("started_at"),
                row.getOffsetDateTime("finished_at"), row.getString("error"), tree(row.getString("request_json")));
    }

    private void run(String sql, Tuple params) {
        pool.preparedQuery(sql).execute(params).await().atMost(TIMEOUT);
    }

    private String text(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("request not serialisable", e);
        }
    }

    private JsonNode tree(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
