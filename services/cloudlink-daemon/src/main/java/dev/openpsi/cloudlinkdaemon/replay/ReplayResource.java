package dev.openpsi.cloudlinkdaemon.replay;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.openpsi.cloudlinkdaemon.service.AccountAccess;
import dev.openpsi.security.AccountScope;
import dev.openpsi.security.Problem;
import dev.openpsi.security.Problems;
import io.quarkus.security.Authenticated;

/**
 * Replays (ARCHITECTURE.md "Troubleshooting: journal and replay"): select records of a topic or a
 * DLQ by time range, key, type and account, dry-run to list them, then send them to one service's
 * replay topic - or redrive dead letters to their original topic. Who may: a platform operator, or
 * an account admin (or its partner) for a selection of that account. Every request is audited.
 */
@Path("/api/v1/replays")
@Tag(name = "Replay", description = "Re-send recorded events to a service, redrive dead letters")
@Authenticated
public class ReplayResource {

    private final ReplayService service;
    private final ReplayRepository replays;
    private final AccountScope scope;
    private final AccountAccess access;
    private final JsonWebToken token;

    public ReplayResource(ReplayService service, ReplayRepository replays, AccountScope scope, AccountAccess access,
            JsonWebToken token) {
        this.service = service;
        this.replays = replays;
        this.scope = scope;
        this.access = access;
        this.token = token;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Dry-run or start a replay",
            description = "selection: topic or dlq (one is required), from and to (RFC 3339, required; record timestamps, "
                    + "from inclusive, to exclusive), optional key, eventType (ce_type or event name) and account "
                    + "(openpsi_account header). With dlq and topic: dead letters that came from that topic. "
                    + "target: the service whose replay topic receives the records (not with redrive). "
                    + "dryRun: count and list the first 'sample' records (default 10). Otherwise the records are sent "
                    + "unchanged plus openpsi_replay_id and openpsi_replay_of at ratePerSecond. redrive (with dlq): "
                    + "dead letters go back to their original topic without the DLQ reason headers. A selection "
                    + "without account needs the platform-operator role.")
    @APIResponse(responseCode = "200", description = "Dry run: count and sample",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DryRunResult.class)))
    @APIResponse(responseCode = "202", description = "Replay started; poll Location",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReplayStatus.class)))
    @APIResponse(responseCode = "400", description = "Invalid request; errors name the field (e.g. selection.from)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller may not replay this selection",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The selection's account does not exist or is not visible to the caller",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response request(ReplayRequest request) {
        ReplayCaller caller = ReplayCaller.of(scope, access, token);
        ReplayService.Outcome outcome = service.request(caller, request);
        if (outcome instanceof ReplayService.DryRun dryRun) {
            return Response.ok(dryRun.result()).build();
        }
        ReplayStatus status = ((ReplayService.Started) outcome).status();
        return Response.accepted(status).location(URI.create("/api/v1/replays/" + status.id())).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Audited replay requests and offset resets, newest first",
            description = "Operators see all; others the requests for the accounts they see and their own.")
    @APIResponse(responseCode = "200", description = "The requests",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReplayStatus.class)))
    public List<ReplayStatus> list(
            @QueryParam("kind") @Parameter(description = "replay or offset-reset") String kind,
            @QueryParam("limit") @Parameter(description = "1 to 500 (default 50)") String limit) {
        ReplayCaller caller = ReplayCaller.of(scope, access, token);
        if (kind != null && !kind.equals("replay") && !kind.equals("offset-reset")) {
            throw Problems.invalid("kind", "must be replay or offset-reset");
        }
        return replays.list(caller, kind, size(limit));
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One replay: status (running, completed, failed, dry-run, refused), selected, sent, progress")
    @APIResponse(responseCode = "200", description = "The replay",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReplayStatus.class)))
    @APIResponse(responseCode = "404", description = "No such replay, or not one the caller may see",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ReplayStatus get(@PathParam("id") String id) {
        ReplayCaller caller = ReplayCaller.of(scope, access, token);
        UUID replayId;
        try {
            replayId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw Problems.notFound();
        }
        ReplayStatus status = replays.find(caller, replayId);
        if (status == null) {
            throw Problems.notFound();
        }
        return status;
    }

    private static int size(String limit) {
        if (limit == null || limit.isBlank()) {
            return 50;
        }
        try {
            int n = Integer.parseInt(limit.trim());
            if (n >= 1 && n <= 500) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw Problems.invalid("limit", "must be an integer from 1 to 500");
    }
}
