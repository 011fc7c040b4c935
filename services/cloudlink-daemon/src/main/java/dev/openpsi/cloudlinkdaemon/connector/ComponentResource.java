package dev.openpsi.cloudlinkdaemon.connector;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
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

import com.fasterxml.jackson.databind.JsonNode;

import dev.openpsi.cloudlinkdaemon.Account;
import dev.openpsi.cloudlinkdaemon.service.AccountAccess;
import dev.openpsi.security.Problem;
import dev.openpsi.security.Roles;
import io.smallrye.mutiny.Uni;

/**
 * An account's linked components as the admin console shows them. Account admins of the account
 * and its partner; other accounts answer 404, plain users 403.
 */
@Path("/api/v1/accounts/{account}/components")
@Tag(name = "Components", description = "On-premise components linked through their CloudLink connector")
@Produces(MediaType.APPLICATION_JSON)
public class ComponentResource {

    private static final String ACCOUNT_MESSAGE = "is not an account id";

    private final ComponentAdministration components;
    private final AccountAccess access;

    public ComponentResource(ComponentAdministration components, AccountAccess access) {
        this.components = components;
        this.access = access;
    }

    @GET
    @RolesAllowed({Roles.ACCOUNT_ADMIN, Roles.PARTNER, Roles.SERVICE})
    @Operation(summary = "The account's components with their status, ordered by name")
    @APIResponse(responseCode = "200", description = "One page",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ComponentPage.class)))
    @APIResponse(responseCode = "400", description = "limit or cursor is invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such account, or not one the caller may see",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ComponentPage> list(
            @PathParam("account") @Pattern(regexp = Account.ID_PATTERN, message = ACCOUNT_MESSAGE) String account,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) @Parameter(description = "page size, 1 to 200") int limit,
            @QueryParam("cursor") @Parameter(description = "nextCursor of the previous page") String cursor) {
        return components.list(access.caller(), account, cursor, limit);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ACCOUNT_ADMIN, Roles.PARTNER, Roles.SERVICE})
    @Operation(summary = "One component of the account")
    @APIResponse(responseCode = "200", description = "The component",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ComponentView.class)))
    @APIResponse(responseCode = "404", description = "No such component or account, or not one the caller may see",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ComponentView> get(
            @PathParam("account") @Pattern(regexp = Account.ID_PATTERN, message = ACCOUNT_MESSAGE) String account,
            @PathParam("id") UUID id) {
        return components.get(access.caller(), account, id);
    }

    @GET
    @Path("/{id}/inventory")
    @RolesAllowed({Roles.ACCOUNT_ADMIN, Roles.PARTNER, Roles.SERVICE})
    @Operation(summary = "The latest inventory report of the component, as its connector sent it")
    @APIResponse(responseCode = "200", description = "The inventory document")
    @APIResponse(responseCode = "404", description = "No such component, or no inventory yet",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<JsonNode> inventory(
            @PathParam("account") @Pattern(regexp = Account.ID_PATTERN, message = ACCOUNT_MESSAGE) String account,
            @PathParam("id") UUID id) {
        return components.inventory(access.caller(), account, id);
    }

    @POST
    @Path("/{id}/enable-container")
    @RolesAllowed({Roles.ACCOUNT_ADMIN, Roles.PARTNER})
    @Operation(summary = "Enable (or re-enable) the container of an OSV node",
            description = "Allowed only when the component is Connected and deactivated, or Connected (the degraded "
                    + "'Connected and activated', which re-enabling fixes).")
    @APIResponse(responseCode = "200", description = "The component after enabling",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ComponentView.class)))
    @APIResponse(responseCode = "404", description = "No such component or account, or not one the caller manages",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Problem type container-not-enableable: the status does not allow it; "
            + "detail says why", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ComponentView> enableContainer(
            @PathParam("account") @Pattern(regexp = Account.ID_PATTERN, message = ACCOUNT_MESSAGE) String account,
            @PathParam("id") UUID id) {
        return components.enableContainer(access.caller(), account, id);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.ACCOUNT_ADMIN, Roles.PARTNER})
    @Operation(summary = "Unlink the component", description = "Its credential stops working; its identity may be linked again.")
    @APIResponse(responseCode = "204", description = "Unlinked")
    @APIResponse(responseCode = "404", description = "No such component or account, or not one the caller manages",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Void> unlink(
            @PathParam("account") @Pattern(regexp = Account.ID_PATTERN, message = ACCOUNT_MESSAGE) String account,
            @PathParam("id") UUID id) {
        return components.unlink(access.caller(), account, id);
    }
}
