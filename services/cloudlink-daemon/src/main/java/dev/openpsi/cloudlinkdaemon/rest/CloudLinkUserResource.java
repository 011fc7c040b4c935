package dev.openpsi.cloudlinkdaemon.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
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

import dev.openpsi.cloudlinkdaemon.Account;
import dev.openpsi.cloudlinkdaemon.service.AccountAccess;
import dev.openpsi.cloudlinkdaemon.service.CloudLinkUsers;
import dev.openpsi.security.Problem;
import dev.openpsi.security.Roles;
import io.smallrye.mutiny.Uni;

/** The CloudLink user and licence database of an account, kept in step with the PBX side's Zoom users. */
@Path("/api/v1/accounts/{account}/cloudlink-users")
@Tag(name = "CloudLink users", description = "Users and licences of an account, provisioned from the PBX side")
@Produces(MediaType.APPLICATION_JSON)
public class CloudLinkUserResource {

    private static final String ACCOUNT_MESSAGE = "is not an account id";

    private final CloudLinkUsers users;
    private final AccountAccess access;

    public CloudLinkUserResource(CloudLinkUsers users, AccountAccess access) {
        this.users = users;
        this.access = access;
    }

    @GET
    @RolesAllowed({Roles.USER, Roles.ACCOUNT_ADMIN, Roles.PARTNER, Roles.SERVICE})
    @Operation(summary = "The account's CloudLink users with their licences, ordered by email")
    @APIResponse(responseCode = "200", description = "One page of users")
    @APIResponse(responseCode = "404", description = "No such account, or not one the caller may see",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CloudLinkUserPage> list(
            @PathParam("account") @Pattern(regexp = Account.ID_PATTERN, message = ACCOUNT_MESSAGE) String account,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) @Parameter(description = "page size, 1 to 200") int limit,
            @QueryParam("after") @Parameter(description = "the 'next' of the previous page") String after) {
        return users.list(access.caller(), account, after, limit);
    }

    @GET
    @Path("/{email}")
    @RolesAllowed({Roles.USER, Roles.ACCOUNT_ADMIN, Roles.PARTNER, Roles.SERVICE})
    @Operation(summary = "One CloudLink user of the account, by email")
    @APIResponse(responseCode = "200", description = "The user and its licences")
    @APIResponse(responseCode = "404", description = "No such user or account, or not one the caller may see",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CloudLinkUserResponse> get(
            @PathParam("account") @Pattern(regexp = Account.ID_PATTERN, message = ACCOUNT_MESSAGE) String account,
            @PathParam("email") @NotBlank String email) {
        return users.get(access.caller(), account, email.toLowerCase(java.util.Locale.ROOT));
    }
}
