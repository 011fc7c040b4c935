package dev.openpsi.cloudlinkdaemon.connector;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.openpsi.cloudlinkdaemon.Account;
import dev.openpsi.cloudlinkdaemon.service.AccountAccess;
import dev.openpsi.security.AccountScope;
import dev.openpsi.security.Problem;
import dev.openpsi.security.Roles;
import io.smallrye.mutiny.Uni;

/** One-time link tokens an account admin hands to the connector of an on-premise component. */
@Path("/api/v1/accounts/{account}/link-tokens")
@Tag(name = "Components", description = "On-premise components linked through their CloudLink connector")
@Produces(MediaType.APPLICATION_JSON)
public class LinkTokenResource {

    private final ConnectorLinking linking;
    private final AccountAccess access;
    private final AccountScope scope;

    public LinkTokenResource(ConnectorLinking linking, AccountAccess access, AccountScope scope) {
        this.linking = linking;
        this.access = access;
        this.scope = scope;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ACCOUNT_ADMIN, Roles.PARTNER})
    @Operation(summary = "Create a one-time link token for a component of the account",
            description = "The token is shown only in this answer and expires after openpsi.connectors.link-token-ttl.")
    @APIResponse(responseCode = "201", description = "The token",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LinkTokenResponse.class)))
    @APIResponse(responseCode = "400", description = "type or name is invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such account, or not one the caller manages",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<LinkTokenResponse>> create(
            @PathParam("account") @Pattern(regexp = Account.ID_PATTERN, message = "is not an account id") String account,
            @Valid @NotNull CreateLinkTokenRequest request) {
        return linking.createToken(access.caller(), scope.subject(), account, request)
                .map(token -> RestResponse.status(RestResponse.Status.CREATED, token));
    }
}
