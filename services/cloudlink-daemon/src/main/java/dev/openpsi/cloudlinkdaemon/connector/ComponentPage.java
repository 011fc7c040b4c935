package dev.openpsi.cloudlinkdaemon.connector;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of an account's components, ordered by name. */
@Schema(description = "Components ordered by name; pass nextCursor as 'cursor' to read the following page")
public record ComponentPage(
        List<ComponentView> items,
        @Schema(description = "null on the last page") String nextCursor) {
}
