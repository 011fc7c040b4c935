package dev.openpsi.cloudlinkdaemon.replay;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

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
import dev.openpsi.security.Roles;

/** Consumer-group operations of the platform operator: re-consume a service's topics from a point in time. */
@Path("/api/v1/consumer-groups")
@Tag(name = "Replay")
public class ConsumerGroupResource {

    private final ConsumerGroupReset reset;
    private final AccountScope scope;
    private final AccountAccess access;
    private final JsonWebToken token;

    public ConsumerGroupResource(ConsumerGroupReset reset, AccountScope scope, AccountAccess access, JsonWebToken token) {
        this.reset = reset;
        this.scope = scope;
        this.access = access;
        this.token = token;
    }

    @POST
    @Path("/{service}/offset-reset")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PLATFORM_OPERATOR)
    @Operation(summary = "Reset a service's consumer group to the offsets of a time",
            description = "Group openpsi.<service>, every partition it has committed offsets for, moves to the first "
                    + "record at or after 'to' (the end where none is that late). Refused while the group has active "
                    + "members. dryRun: only list the moves. Audited like replays.")
    @APIResponse(responseCode = "200", description = "The moves (made, or planned for a dry run)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OffsetResetResult.class)))
    @APIResponse(responseCode = "400", description = "'to' missing or not RFC 3339",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not a platform operator")
    @APIResponse(responseCode = "404", description = "Unknown service, or its group has no committed offsets",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The group has active members",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public OffsetResetResult reset(@PathParam("service") @Parameter(description = "e.g. osv-adapter") String service,
            OffsetResetRequest request) {
        return reset.reset(ReplayCaller.of(scope, access, token), service, request);
    }
}
