package dev.openpsi.cloudlinkdaemon.journal;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseHeader;

import dev.openpsi.cloudlinkdaemon.service.AccountAccess;
import dev.openpsi.security.Problem;
import dev.openpsi.security.Problems;
import dev.openpsi.security.Roles;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The event journal (DOMAIN.md "Event History"): every record of every topic, filterable, newest
 * first, with the detail tabs of the admin portal and a CSV export. A caller sees the events of the
 * accounts it may see ({@link AccountAccess}): its own, a partner's customers; service accounts and
 * platform operators (the natural readers across accounts, e.g. {@code openpsi journal}) all.
 */
@Path("/api/v1/journal")
@Tag(name = "Journal", description = "Every event of every stream, DLQ and replay topic, for troubleshooting")
public class JournalResource {

    private static final String FILTERS = "Filters: account, subject (email or DN), type (ce_type or event name such as "
            + "ZoomUserUpdated), topic, service (producer), from/to (RFC 3339, on the time the journal received it; "
            + "from inclusive, to exclusive), dlq (true: dead letters only).";

    private final JournalRepository journal;
    private final AccountAccess access;

    public JournalResource(JournalRepository journal, AccountAccess access) {
        this.journal = journal;
        this.access = access;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ACCOUNT_ADMIN, Roles.PARTNER, Roles.SERVICE, Roles.PLATFORM_OPERATOR})
    @Operation(summary = "Journaled events, newest first",
            description = FILTERS + " Keyset pages ordered by (receivedAt desc, id desc): pass 'next' as 'cursor'. "
                    + "With Accept: text/csv the same URL exports the whole selection.")
    @APIResponse(responseCode = "200", description = "One page",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JournalPage.class)))
    @APIResponse(responseCode = "400", description = "A filter, limit or cursor is invalid; errors name the parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<JournalPage> list(
            @QueryParam("account") @Parameter(description = "account id") String account,
            @QueryParam("subject") @Parameter(description = "ce_subject: email, DN, mailbox or component") String subject,
            @QueryParam("type") @Parameter(description = "ce_type or short event name") String type,
            @QueryParam("topic") @Parameter(description = "a topic of the catalogue (stream, DLQ or replay)") String topic,
            @QueryParam("service") @Parameter(description = "producing service, e.g. osv-adapter") String service,
            @QueryParam("from") @Parameter(description = "RFC 3339, inclusive") String from,
            @QueryParam("to") @Parameter(description = "RFC 3339, exclusive") String to,
            @QueryParam("dlq") @Parameter(description = "true: dead letters only; false: no dead letters") String dlq,
            @QueryParam("limit") @Parameter(description = "page size, 1 to 500 (default 50)") String limit,
            @QueryParam("cursor") @Parameter(description = "the 'next' of the previous page") String cursor) {
        AccountAccess.Caller caller = access.reader();
        JournalFilter filter = JournalFilter.parse(account, subject, type, topic, service, from, to, dlq);
        int size = JournalFilter.limit(limit);
        JournalCursor position = JournalCursor.decode(cursor);
        return journal.page(caller, filter, position, size);
    }

    @GET
    // qs < 1: a client that accepts anything (*/*) gets JSON; CSV only when asked for
    @Produces(JournalCsv.MEDIA_TYPE + ";qs=0.5")
    @RolesAllowed({Roles.ACCOUNT_ADMIN, Roles.PARTNER, Roles.SERVICE, Roles.PLATFORM_OPERATOR})
    @ResponseHeader(name = "Content-Disposition", value = "attachment; filename=\"journal.csv\"")
    @Operation(summary = "Export the filtered journal as CSV",
            description = FILTERS + " The whole selection, newest first, streamed; one header row.")
    @APIResponse(responseCode = "200", description = "CSV (RFC 4180)",
            content = @Content(mediaType = JournalCsv.MEDIA_TYPE, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "A filter is invalid; errors name the parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Multi<String> export(
            @QueryParam("account") String account,
            @QueryParam("subject") String subject,
            @QueryParam("type") String type,
            @QueryParam("topic") String topic,
            @QueryParam("service") String service,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("dlq") String dlq) {
        AccountAccess.Caller caller = access.reader();
        JournalFilter filter = JournalFilter.parse(account, subject, type, topic, service, from, to, dlq);
        return JournalCsv.export(journal, caller, filter);
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ACCOUNT_ADMIN, Roles.PARTNER, Roles.SERVICE, Roles.PLATFORM_OPERATOR})
    @Operation(summary = "One journaled event with its tabs",
            description = "coreDetails, propertiesChanged (against the previous journaled payload of the same account, "
                    + "subject and type family), extraDetails (DLQ, replay, headers), logTags.")
    @APIResponse(responseCode = "200", description = "The event",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JournalDetail.class)))
    @APIResponse(responseCode = "404", description = "No such event, or not one the caller may see",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<JournalDetail> get(@PathParam("id") String id) {
        AccountAccess.Caller caller = access.reader();
        long journalId;
        try {
            journalId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw Problems.notFound();
        }
        return journal.detail(caller, journalId);
    }
}
