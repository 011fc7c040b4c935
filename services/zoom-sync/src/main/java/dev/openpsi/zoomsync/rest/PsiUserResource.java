package dev.openpsi.zoomsync.rest;

import static dev.openpsi.zoomsync.rest.ZoomConnectionResource.ACCOUNT_DESCRIPTION;
import static dev.openpsi.zoomsync.rest.ZoomConnectionResource.ACCOUNT_MESSAGE;
import static dev.openpsi.zoomsync.rest.ZoomConnectionResource.ACCOUNT_PATTERN;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
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

import dev.openpsi.security.AccountScope;
import dev.openpsi.security.Problem;
import dev.openpsi.security.Roles;
import dev.openpsi.zoomsync.service.PsiDirectory;
import io.smallrye.mutiny.Uni;

/** PSI users: their provisioning status, and the SIP credentials their Zoom SIP phones need (write-only). */
@Path("/api/v1/zoom/users")
@Tag(name = "PSI users", description = "Zoom PSI status of linked users and their SIP credentials")
@Produces(MediaType.APPLICATION_JSON)
public class PsiUserResource {

    private static final String EMAIL = "[^@\\s/]+@[^@\\s/]+";

    private final PsiDirectory directory;
    private final AccountScope scope;

    public PsiUserResource(PsiDirectory directory, AccountScope scope) {
        this.directory = directory;
        this.scope = scope;
    }

    @GET
    @Path("/{email}")
    @RolesAllowed({Roles.USER, Roles.ACCOUNT_ADMIN, Roles.SERVICE})
    @Operation(summary = "A PSI user's status: Pending SIP credential, Idle or Failed (with the reason code)")
    @APIResponse(responseCode = "200", description = "The user",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PsiUserResponse.class)))
    @APIResponse(responseCode = "404", description = "No such user in an account the caller may see",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<PsiUserResponse> get(@PathParam("email") @Pattern(regexp = EMAIL, message = "is not an email") @Size(max = 254) String email,
            @QueryParam("account") @Pattern(regexp = ACCOUNT_PATTERN, message = ACCOUNT_MESSAGE)
            @Parameter(description = ACCOUNT_DESCRIPTION) String account) {
        return directory.require(scope.targetAccount(account), email).map(PsiUserResponse::of);
    }

    @PUT
    @Path("/{email}/sip-credentials")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ACCOUNT_ADMIN, Roles.SERVICE})
    @Operation(summary = "Store a user's SIP digest credentials (write-only)",
            description = "Sealed at rest and only sent to Zoom in the user's SIP phones. A linked user is provisioned "
                    + "once they are stored; until then it stays 'Pending SIP credential'.")
    @APIResponse(responseCode = "200", description = "Stored; the user's status",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PsiUserResponse.class)))
    @APIResponse(responseCode = "400", description = "password missing or a field invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller is neither an account admin nor a service",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "An account the caller may not see",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<PsiUserResponse> putCredentials(
            @PathParam("email") @Pattern(regexp = EMAIL, message = "is not an email") @Size(max = 254) String email,
            @QueryParam("account") @Pattern(regexp = ACCOUNT_PATTERN, message = ACCOUNT_MESSAGE)
            @Parameter(description = ACCOUNT_DESCRIPTION) String account,
            @Valid @NotNull SipCredentialsRequest request) {
        return directory.storeCredentials(scope.targetAccount(account), email, request.password(),
                request.authorizationName(), request.domain()).map(PsiUserResponse::of);
    }
}
