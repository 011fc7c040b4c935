package dev.openpsi.osvadapter.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.openpsi.security.Problem.FieldError;
import dev.openpsi.security.ProblemException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Bulk "add Zoom users": each row is checked and written in a transaction of its own, one after
 * the other, so a refused row writes nothing of itself while the good rows are kept (each with its
 * ZoomUserLinked event).
 */
@ApplicationScoped
public class ZoomUserImport {

    /** The most rows one import takes. */
    public static final int MAX_ROWS = 5000;

    private static final Logger LOG = Logger.getLogger(ZoomUserImport.class);

    private final ZoomUserService zoomUsers;

    public ZoomUserImport(ZoomUserService zoomUsers) {
        this.zoomUsers = zoomUsers;
    }

    /**
     * One row of the import.
     *
     * @param number 1 for the first row after the header
     * @param email  the row's email as given (lowercased), for the report; null if the cell is empty
     * @param draft  the user to add; null when {@code errors} already refuse the row
     * @param errors what is wrong with the row's syntax; empty when it may be tried
     */
    public record Row(int number, String email, ZoomUserDraft draft, List<FieldError> errors) {
    }

    /** What became of one row: created, or failed for the reasons in {@code errors}. */
    public record RowOutcome(int number, String email, boolean created, List<FieldError> errors) {
    }

    /** Adds the users of {@code rows} to {@code account}, each row on its own. */
    public Uni<List<RowOutcome>> run(String account, List<Row> rows) {
        if (rows.size() > MAX_ROWS) {
            throw new IllegalArgumentException("at most " + MAX_ROWS + " rows, not " + rows.size());
        }
        return Multi.createFrom().iterable(rows)
                .onItem().transformToUniAndConcatenate(row -> one(account, row))
                .collect().asList();
    }

    private Uni<RowOutcome> one(String account, Row row) {
        if (row.draft() == null || !row.errors().isEmpty()) {
            return Uni.createFrom().item(new RowOutcome(row.number(), row.email(), false, row.errors()));
        }
        return zoomUsers.create(account, row.draft())
                .map(user -> new RowOutcome(row.number(), user.email, true, List.of()))
                .onFailure().recoverWithItem(failure -> new RowOutcome(row.number(), row.email(), false, reasons(row, failure)));
    }

    private static List<FieldError> reasons(Row row, Throwable failure) {
        if (failure instanceof ProblemException problem) {
            if (!problem.problem().errors().isEmpty()) {
                return problem.problem().errors();
            }
            return List.of(new FieldError("row", problem.problem().detail()));
        }
        LOG.errorf(failure, "import row %d failed unexpectedly", row.number());
        return List.of(new FieldError("row", "could not be stored; see the service log"));
    }
}
