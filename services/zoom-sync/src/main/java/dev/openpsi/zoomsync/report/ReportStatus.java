package dev.openpsi.zoomsync.report;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where a User Comparison Report stands. */
@Schema(description = "A User Comparison Report: generated asynchronously, downloadable as CSV once ready")
public record ReportStatus(
        UUID id,
        String account,
        @Schema(description = "pending | running | ready | failed") String status,
        OffsetDateTime createdAt,
        OffsetDateTime finishedAt,
        @Schema(description = "users compared (rows of the CSV)") Integer rows,
        @Schema(description = "rows with at least one issue") Integer rowsWithIssues,
        @Schema(description = "why generation failed") String error) {
}
