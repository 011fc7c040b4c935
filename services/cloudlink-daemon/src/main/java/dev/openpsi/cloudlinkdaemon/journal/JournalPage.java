package dev.openpsi.cloudlinkdaemon.journal;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One keyset page of the journal, newest first. */
@Schema(name = "JournalPage")
public record JournalPage(List<JournalSummary> items,
                          @Schema(description = "pass as 'cursor' for the next page; null on the last page") String next) {
}
