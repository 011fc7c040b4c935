package dev.openpsi.zoomsync.rest;

import static dev.openpsi.zoomsync.rest.ZoomConnectionResource.ACCOUNT_DESCRIPTION;
import static dev.openpsi.zoomsync.rest.ZoomConnectionResource.ACCOUNT_MESSAGE;
import static dev.openpsi.zoomsync.rest.ZoomConnectionResource.ACCOUNT_PATTERN;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import org.jboss.resteasy.reactive.RestResponse;

import dev.openpsi.security.AccountScope;
import dev.openpsi.security.Problem;
import dev.openpsi.security.Roles;
import dev.openpsi.zoomsync.service.MirrorSync;
import io.smallrye.mutiny.Uni;

/** Mirror sync runs: start one (it runs in the background), follow its progress. */
@Path("/api/v1/zoom/sync-runs")
@Tag(name = "Zoom sync runs", description = "Mirroring the account's Zoom users and SIP phones")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ACCOUNT_ADMIN, Roles.SERVICE})
public class SyncRunResource {

    private static final String ID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    private final MirrorSync sync;
    private final AccountScope scope;

    public SyncRunResource(MirrorSync sync, AccountScope scope) {
        this.sync = sync;
        this.scope = scope;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a sync run", description = "Answers at once; follow the run at its Location.")
    @APIResponse(responseCode = "202", description = "Accepted; the run as recorded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SyncRunResponse.class)))
    @APIResponse(responseCode = "400", description = "mode is missing or invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller is neither an account admin nor a service",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The account has no Zoom connection, or is not one the caller may see",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<SyncRunResponse>> start(@QueryParam("account") @Pattern(regexp = ACCOUNT_PATTERN, message = ACCOUNT_MESSAGE)
            @Parameter(description = ACCOUNT_DESCRIPTION) String account, @Valid @NotNull SyncRunRequest request) {
        return sync.start(scope.targetAccount(account), request.mode())
                .map(run -> RestResponse.ResponseBuilder.<SyncRunResponse>create(RestResponse.Status.ACCEPTED)
                        .location(URI.create("/api/v1/zoom/sync-runs/" + run.id()))
                        .entity(SyncRunResponse.of(run)).build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One sync run: status, phase, counts")
    @APIResponse(responseCode = "200", description = "The run",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SyncRunResponse.class)))
    @APIResponse(responseCode = "404", description = "No such run in an account the caller may see",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SyncRunResponse> get(@PathParam("id") @Pattern(regexp = ID_PATTERN, message = "is not a sync run id") String id,
            @QueryParam("account") @Pattern(regexp = ACCOUNT_PATTERN, message = ACCOUNT_MESSAGE)
            @Parameter(description = ACCOUNT_DESCRIPTION) String account) {
        return sync.get(scope.targetAccount(account), UUID.fromString(id)).map(SyncRunResponse::of);
    }
}
