package dev.openpsi.osvadapter.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonValue;

import dev.openpsi.osvadapter.service.ZoomUserImport.RowOutcome;
import dev.openpsi.security.Problem.FieldError;

/** What a CSV import did, row by row. */
@Schema(description = "The outcome of a Zoom user import: each row was created or failed on its own")
public record ImportReport(
        @Schema(description = "data rows in the file") int total,
        int created,
        int failed,
        List<RowReport> rows) {

    public enum Status {
        CREATED("created"),
        FAILED("failed");

        private final String value;

        Status(String value) {
            this.value = value;
        }

        @JsonValue
        public String value() {
            return value;
        }
    }

    /** One data row: 1 is the first row after the header. */
    @Schema(name = "ImportRow")
    public record RowReport(
            @Schema(description = "1 for the first row after the header (blank lines are not counted)") int row,
            @Schema(nullable = true) String email,
            @Schema(enumeration = {"created", "failed"}) Status status,
            @Schema(description = "why the row failed; empty when created") List<FieldError> errors) {
    }

    static ImportReport of(List<RowOutcome> outcomes) {
        List<RowReport> rows = outcomes.stream()
                .map(o -> new RowReport(o.number(), o.email(), o.created() ? Status.CREATED : Status.FAILED, o.errors()))
                .toList();
        int created = (int) outcomes.stream().filter(RowOutcome::created).count();
        return new ImportReport(outcomes.size(), created, outcomes.size() - created, rows);
    }
}
