package dev.openpsi.cloudlinkdaemon.journal;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.openpsi.cloudlinkdaemon.service.AccountAccess.Caller;
import dev.openpsi.events.Traceparent;
import dev.openpsi.security.Problems;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads the journal for a caller: only rows of accounts the caller may see (own account, a
 * partner's customers; service accounts every row, also the ones without an account), newest
 * first by (received_at, id).
 */
@ApplicationScoped
public class JournalRepository {

    private static final String SUMMARY_COLUMNS = """
            id, event_id, ce_type, event_name, ce_time, received_at, account, subject, topic, kafka_partition,
            kafka_offset, source_service, dlq, dlq_reason, replay_id, traceparent, envelope_error""";

    private static final String DETAIL_COLUMNS = SUMMARY_COLUMNS + """
            , event_key, ce_source, type_family, dlq_detail, dlq_original_topic, dlq_original_partition,
            dlq_original_offset, dlq_consumer, replay_of, payload::text as payload_json, payload_text,
            headers::text as headers_json""";

    private static final String PREVIOUS = """
            select id, payload::text as payload_json from journal_event
             where account = $1 and subject = $2 and type_family = $3 and dlq = $4 and payload is not null
               and (received_at, id) < ($5::timestamptz, $6::bigint)
             order by received_at desc, id desc limit 1""";

    private final Pool pool;
    private final ObjectMapper json;

    public JournalRepository(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** One page: up to {@code limit} rows after {@code cursor}, and the cursor of the next page (null if none). */
    public Uni<JournalPage> page(Caller caller, JournalFilter filter, JournalCursor cursor, int limit) {
        Sql sql = new Sql();
        sql.visibleTo(caller).filter(filter);
        if (cursor != null) {
            sql.and("(received_at, id) < (" + sql.param(cursor.receivedAt()) + "::timestamptz, " + sql.param(cursor.id())
                    + "::bigint)");
        }
        String query = "select " + SUMMARY_COLUMNS + " from journal_event" + sql.where()
                + " order by received_at desc, id desc limit " + sql.param(limit + 1);
        return pool.preparedQuery(query).execute(sql.tuple()).map(rows -> {
            List<JournalSummary> items = new ArrayList<>(limit);
            JournalCursor next = null;
            for (Row row : rows) {
                if (items.size() == limit) {
                    JournalSummary last = items.get(items.size() - 1);
                    next = JournalCursor.after(last.receivedAt(), last.id());
                    break;
                }
                items.add(summary(row));
            }
            return new JournalPage(items, next == null ? null : next.encode());
        });
    }

    /** The row with its tabs, or 404 when it does not exist or the caller may not see it. */
    public Uni<JournalDetail> detail(Caller caller, long id) {
        Sql sql = new Sql();
        sql.visibleTo(caller).and("id = " + sql.param(id));
        return pool.preparedQuery("select " + DETAIL_COLUMNS + " from journal_event" + sql.where()).execute(sql.tuple())
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().failure(Problems.notFound());
                    }
                    Row row = rows.iterator().next();
                    return previous(row).map(prev -> detail(row, prev));
                });
    }

    private Uni<Row> previous(Row row) {
        String account = row.getString("account");
        String subject = row.getString("subject");
        String family = row.getString("type_family");
        if (account == null || subject == null || family == null || row.getString("payload_json") == null) {
            return Uni.createFrom().nullItem();
        }
        return pool.preparedQuery(PREVIOUS)
                .execute(Tuple.of(account, subject, family, row.getBoolean("dlq"), row.getOffsetDateTime("received_at"),
                        row.getLong("id")))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next());
    }

    private JournalDetail detail(Row row, Row previous) {
        JsonNode payload = parse(row.getString("payload_json"));
        List<JournalDetail.PropertyChange> changes = previous == null ? List.of()
                : PropertyDiff.between(parse(previous.getString("payload_json")), payload);
        String traceparent = row.getString("traceparent");
        Traceparent trace = traceparent != null && Traceparent.isValid(traceparent) ? Traceparent.parse(traceparent) : null;
        JournalDetail.CoreDetails core = new JournalDetail.CoreDetails(row.getLong("id"), row.getUUID("event_id"),
                row.getString("ce_type"), row.getString("event_name"), row.getOffsetDateTime("ce_time"),
                row.getOffsetDateTime("received_at"), row.getString("ce_source"), row.getString("source_service"),
                row.getString("subject"), row.getString("account"), row.getString("topic"),
                row.getInteger("kafka_partition"), row.getLong("kafka_offset"), row.getString("event_key"));
        JournalDetail.Dlq dlq = row.getBoolean("dlq")
                ? new JournalDetail.Dlq(row.getString("dlq_reason"), row.getString("dlq_detail"),
                        row.getString("dlq_original_topic"), row.getInteger("dlq_original_partition"),
                        row.getLong("dlq_original_offset"), row.getString("dlq_consumer"))
                : null;
        JournalDetail.Replay replay = row.getUUID("replay_id") == null && row.getUUID("replay_of") == null ? null
                : new JournalDetail.Replay(row.getUUID("replay_id"), row.getUUID("replay_of"));
        JournalDetail.ExtraDetails extra = new JournalDetail.ExtraDetails(dlq, replay,
                previous == null ? null : previous.getLong("id"), parse(row.getString("headers_json")),
                row.getString("envelope_error"));
        JournalDetail.LogTags tags = new JournalDetail.LogTags(trace == null ? null : trace.traceId(),
                trace == null ? null : trace.parentId(), row.getString("source_service"), row.getString("account"),
                row.getString("ce_type"));
        return new JournalDetail(row.getLong("id"), core, changes, extra, tags, payload, row.getString("payload_text"));
    }

    static JournalSummary summary(Row row) {
        String traceparent = row.getString("traceparent");
        return new JournalSummary(row.getLong("id"), row.getUUID("event_id"), row.getString("ce_type"),
                row.getString("event_name"), row.getOffsetDateTime("ce_time"), row.getOffsetDateTime("received_at"),
                row.getString("account"), row.getString("subject"), row.getString("topic"),
                row.getInteger("kafka_partition"), row.getLong("kafka_offset"), row.getString("source_service"),
                row.getBoolean("dlq"), row.getString("dlq_reason"), row.getUUID("replay_id"),
                traceparent != null && Traceparent.isValid(traceparent) ? Traceparent.parse(traceparent).traceId() : null,
                row.getString("envelope_error"));
    }

    private JsonNode parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** A where clause with numbered parameters. */
    private static final class Sql {
        private final List<String> conditions = new ArrayList<>();
        private final Tuple params = Tuple.tuple();

        String param(Object value) {
            params.addValue(value);
            return "$" + params.size();
        }

        Sql and(String condition) {
            conditions.add(condition);
            return this;
        }

        Sql visibleTo(Caller caller) {
            if (caller.service()) {
                return this;
            }
            String own = param(caller.account());
            return and(caller.partner()
                    ? "(account = " + own + " or account in (select a.id from account a where a.parent_id = " + own + "))"
                    : "account = " + own);
        }

        Sql filter(JournalFilter f) {
            if (f.account() != null) {
                and("account = " + param(f.account()));
            }
            if (f.subject() != null) {
                and("subject = " + param(f.subject()));
            }
            if (f.type() != null) {
                and((f.typeIsCeType() ? "ce_type = " : "event_name = ") + param(f.type()));
            }
            if (f.topic() != null) {
                and("topic = " + param(f.topic()));
            }
            if (f.service() != null) {
                and("source_service = " + param(f.service()));
            }
            if (f.from() != null) {
                and("received_at >= " + param(f.from()));
            }
            if (f.to() != null) {
                and("received_at < " + param(f.to()));
            }
            if (f.dlq() != null) {
                and(f.dlq() ? "dlq" : "not dlq");
            }
            return this;
        }

        String where() {
            return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        }

        Tuple tuple() {
            return params;
        }
    }
}
