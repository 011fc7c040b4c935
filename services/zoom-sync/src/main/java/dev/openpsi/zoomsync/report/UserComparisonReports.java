package dev.openpsi.zoomsync.report;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.openpsi.security.Problems;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Generates User Comparison Reports: one database cursor walks the four sources joined by email
 * in email order, 500 rows at a time become one CSV chunk stored with the report; the download
 * streams the chunks back. Memory stays flat whatever the number of users.
 */
@ApplicationScoped
public class UserComparisonReports {

    private static final Logger LOG = Logger.getLogger(UserComparisonReports.class);
    static final int ROWS_PER_CHUNK = 500;
    /** A report still "running" after this long was interrupted (its replica stopped). */
    private static final Duration INTERRUPTED_AFTER = Duration.ofMinutes(15);

    private static final String JOINED = """
            with emails as (
                select email from cl_user where account = $1
                union select email from cl_license where account = $1
                union select email from zoom_user where account = $1
                union select user_email from zoom_sip_phone where account = $1)
            select e.email, cu.cl_user_id, cu.first_name as cl_first, cu.last_name as cl_last,
                   (select array_agg(l.license order by l.license) from cl_license l
                     where l.account = $1 and l.email = e.email) as licenses,
                   zu.zoom_user_id, zu.status, zu.first_name as zm_first, zu.last_name as zm_last,
                   d.phone_id as desktop_id, d.phone_number as desktop_number,
                   m.phone_id as mobile_id, m.phone_number as mobile_number
              from emails e
              left join cl_user cu on cu.account = $1 and cu.email = e.email
              left join zoom_user zu on zu.account = $1 and zu.email = e.email
              left join lateral (select phone_id, phone_number from zoom_sip_phone p
                                  where p.account = $1 and p.user_email = e.email and p.kind = 'desktop'
                                  order by phone_id limit 1) d on true
              left join lateral (select phone_id, phone_number from zoom_sip_phone p
                                  where p.account = $1 and p.user_email = e.email and p.kind = 'mobile'
                                  order by phone_id limit 1) m on true
             order by e.email
            """;

    private final Pool pool;

    public UserComparisonReports(Pool pool) {
        this.pool = pool;
    }

    /** Records a new report and starts generating it in the background. */
    public Uni<ReportStatus> request(String account, String requestedBy) {
        UUID id = UUID.randomUUID();
        return pool.preparedQuery("""
                        insert into comparison_report (id, account, status, requested_by, created_at)
                        values ($1, $2, 'pending', $3, now())""")
                .execute(Tuple.of(id, account, requestedBy))
                .invoke(() -> generate(id, account).subscribe().with(
                        rows -> LOG.infof("user comparison report %s for %s: %d rows", id, account, rows),
                        failure -> LOG.errorf(failure, "user comparison report %s for %s failed", id, account)))
                .chain(() -> status(account, id));
    }

    /** Generates the CSV; completes with the number of rows. */
    Uni<Integer> generate(UUID id, String account) {
        AtomicInteger rows = new AtomicInteger();
        AtomicInteger withIssues = new AtomicInteger();
        AtomicInteger seq = new AtomicInteger();
        return pool.preparedQuery("update comparison_report set status = 'running', started_at = now() where id = $1")
                .execute(Tuple.of(id))
                .chain(() -> writeChunk(id, seq.getAndIncrement(), ComparisonCsv.HEADER))
                .chain(() -> pool.withTransaction(connection -> connection.prepare(JOINED)
                        .onItem().transformToMulti(statement -> statement.createStream(ROWS_PER_CHUNK, Tuple.of(account)).toMulti())
                        .map(UserComparisonReports::toRow)
                        .group().intoLists().of(ROWS_PER_CHUNK)
                        .onItem().transformToUniAndConcatenate(batch -> {
                            StringBuilder csv = new StringBuilder(batch.size() * 160);
                            for (ComparisonRow row : batch) {
                                ComparisonCsv.append(csv, row);
                                if (!row.issues().isEmpty()) {
                                    withIssues.incrementAndGet();
                                }
                            }
                            rows.addAndGet(batch.size());
                            return writeChunk(id, seq.getAndIncrement(), csv.toString());
                        })
                        .collect().last()))
                .chain(() -> pool.preparedQuery("""
                                update comparison_report set status = 'ready', finished_at = now(), rows = $2,
                                       rows_with_issues = $3 where id = $1""")
                        .execute(Tuple.of(id, rows.get(), withIssues.get())))
                .replaceWith(rows::get)
                .onFailure().call(failure -> pool.preparedQuery("""
                                update comparison_report set status = 'failed', finished_at = now(), error = $2 where id = $1""")
                        .execute(Tuple.of(id, String.valueOf(failure.getMessage()))));
    }

    private Uni<Void> writeChunk(UUID id, int seq, String csv) {
        return pool.preparedQuery("insert into comparison_report_chunk (report_id, seq, data) values ($1, $2, $3)")
                .execute(Tuple.of(id, seq, io.vertx.core.buffer.Buffer.buffer(csv.getBytes(StandardCharsets.UTF_8))))
                .replaceWithVoid();
    }

    private static ComparisonRow toRow(Row r) {
        String[] licenses = r.getArrayOfStrings("licenses");
        return new ComparisonRow(r.getString("email"), r.getString("cl_user_id"), r.getString("cl_first"),
                r.getString("cl_last"), licenses == null ? List.of() : Arrays.asList(licenses), r.getString("zoom_user_id"),
                r.getString("status"), r.getString("zm_first"), r.getString("zm_last"), r.getString("desktop_id"),
                r.getString("desktop_number"), r.getString("mobile_id"), r.getString("mobile_number"));
    }

    /** The report of {@code account}; 404 for another account's or an unknown id. */
    public Uni<ReportStatus> status(String account, UUID id) {
        return pool.preparedQuery("select * from comparison_report where id = $1 and account = $2")
                .execute(Tuple.of(id, account))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw Problems.notFound();
                    }
                    return toStatus(rows.iterator().next());
                });
    }

    private static ReportStatus toStatus(Row r) {
        String status = r.getString("status");
        String error = r.getString("error");
        OffsetDateTime started = r.getOffsetDateTime("started_at");
        if ("running".equals(status) && started != null
                && started.isBefore(OffsetDateTime.now(ZoneOffset.UTC).minus(INTERRUPTED_AFTER))) {
            status = "failed";
            error = "generation was interrupted; request a new report";
        }
        return new ReportStatus(r.getUUID("id"), r.getString("account"), status, r.getOffsetDateTime("created_at"),
                r.getOffsetDateTime("finished_at"), r.getInteger("rows"), r.getInteger("rows_with_issues"), error);
    }

    /** The CSV of a ready report, chunk by chunk; 409 while it is not ready. */
    public Multi<byte[]> csv(String account, UUID id) {
        return status(account, id).onItem().transformToMulti(report -> {
            if (!"ready".equals(report.status())) {
                throw Problems.conflict("report-not-ready", "the report is " + report.status() + "; download it once it is ready");
            }
            return Multi.createBy().repeating()
                    .uni(AtomicInteger::new, next -> pool
                            .preparedQuery("select data from comparison_report_chunk where report_id = $1 and seq = $2")
                            .execute(Tuple.of(id, next.getAndIncrement()))
                            .map(rows -> rows.size() == 0 ? Optional.<byte[]>empty()
                                    : Optional.of(rows.iterator().next().getBuffer("data").getBytes())))
                    .until(Optional::isEmpty)
                    .map(Optional::get);
        });
    }
}
