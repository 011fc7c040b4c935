package dev.openpsi.zoomsync.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
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
import dev.openpsi.security.Problems;
import dev.openpsi.security.Roles;
import dev.openpsi.zoomsync.ZoomConnection.GrantType;
import dev.openpsi.zoomsync.service.ZoomConnections;
import io.smallrye.mutiny.Uni;

/** The account's Zoom connection: account admins and services set it, see its statuses and re-evaluate it. */
@Path(ZoomConnectionResource.PATH)
@Tag(name = "Zoom connection", description = "OAuth connection to the account's Zoom tenant and the integration status")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ACCOUNT_ADMIN, Roles.SERVICE})
public class ZoomConnectionResource {

    static final String PATH = "/api/v1/zoom/connection";
    static final String ACCOUNT_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    static final String ACCOUNT_MESSAGE = "is not an account id";
    static final String ACCOUNT_DESCRIPTION = "the account acted on; default the caller's own. "
            + "Service accounts name one; any other account answers 404";

    private final ZoomConnections connections;
    private final AccountScope scope;

    public ZoomConnectionResource(ZoomConnections connections, AccountScope scope) {
        this.connections = connections;
        this.scope = scope;
    }

    @GET
    @Operation(summary = "The Zoom connection and its OAuth, integration and sync status")
    @APIResponse(responseCode = "200", description = "The connection",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConnectionResponse.class)))
    @APIResponse(responseCode = "403", description = "The caller is neither an account admin nor a service",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No connection, or an account the caller may not see",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ConnectionResponse> get(@QueryParam("account") @Pattern(regexp = ACCOUNT_PATTERN, message = ACCOUNT_MESSAGE)
            @Parameter(description = ACCOUNT_DESCRIPTION) String account) {
        return connections.require(scope.targetAccount(account)).map(ConnectionResponse::of);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Connect (or reconnect) the account's Zoom tenant",
            description = "Stores the OAuth app (secret sealed), obtains a token at once (Server-to-Server account_credentials, "
                    + "or the authorization code of the consent redirect) and verifies it with GET /users/me. The answer "
                    + "shows the outcome: oauthStatus Failed with details when Zoom refused.")
    @APIResponse(responseCode = "200", description = "Stored; the statuses after connecting",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConnectionResponse.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller is neither an account admin nor a service",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "An account the caller may not see",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ConnectionResponse> put(@QueryParam("account") @Pattern(regexp = ACCOUNT_PATTERN, message = ACCOUNT_MESSAGE)
            @Parameter(description = ACCOUNT_DESCRIPTION) String account, @Valid @NotNull ConnectionRequest request) {
        String target = scope.targetAccount(account);
        GrantType grant = GrantType.fromWire(request.grantType());
        if (grant == GrantType.ACCOUNT_CREDENTIALS && blank(request.zoomAccountId())) {
            throw Problems.invalid("zoomAccountId", "is required for account_credentials");
        }
        if (grant == GrantType.AUTHORIZATION_CODE && blank(request.authorizationCode())) {
            throw Problems.invalid("authorizationCode", "is required for authorization_code");
        }
        return connections.put(target, new ZoomConnections.Settings(request.clientId(), request.clientSecret(),
                        request.zoomAccountId(), grant, request.authorizationCode(), request.redirectUri()))
                .map(ConnectionResponse::of);
    }

    @POST
    @Path("/refresh")
    @Operation(summary = "Re-evaluate the connection: a new token and one cheap API call")
    @APIResponse(responseCode = "200", description = "The statuses after re-evaluating",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConnectionResponse.class)))
    @APIResponse(responseCode = "403", description = "The caller is neither an account admin nor a service",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No connection, or an account the caller may not see",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ConnectionResponse> refresh(@QueryParam("account") @Pattern(regexp = ACCOUNT_PATTERN, message = ACCOUNT_MESSAGE)
            @Parameter(description = ACCOUNT_DESCRIPTION) String account) {
        return connections.refresh(scope.targetAccount(account)).map(ConnectionResponse::of);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
