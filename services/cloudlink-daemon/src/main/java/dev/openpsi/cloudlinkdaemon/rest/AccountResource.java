package dev.openpsi.cloudlinkdaemon.rest;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.openpsi.cloudlinkdaemon.Account;
import dev.openpsi.cloudlinkdaemon.service.AccountAccess;
import dev.openpsi.cloudlinkdaemon.service.AccountService;
import dev.openpsi.security.Problem;
import dev.openpsi.security.Roles;
import io.smallrye.mutiny.Uni;

/**
 * Accounts: a caller sees its own account, a partner also the customer accounts it created, a
 * service account every account. Anything else answers 404, as if it did not exist.
 */
@Path("/api/v1/accounts")
@Tag(name = "Accounts", description = "Partner and customer accounts")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    private static final String ID_MESSAGE = "is not an account id";

    private final AccountService accounts;
    private final AccountAccess access;

    public AccountResource(AccountService accounts, AccountAccess access) {
        this.accounts = accounts;
        this.access = access;
    }

    @GET
    @RolesAllowed({Roles.USER, Roles.ACCOUNT_ADMIN, Roles.PARTNER, Roles.SERVICE})
    @Operation(summary = "The accounts the caller may see, ordered by id",
            description = "The caller's own account and, for a partner, the customer accounts it created; "
                    + "service accounts see every account. Keyset pages: pass 'next' as 'after'.")
    @APIResponse(responseCode = "200", description = "One page of accounts")
    @APIResponse(responseCode = "400", description = "limit or after is invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AccountPage> list(
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200)
            @Parameter(description = "page size, 1 to 200") int limit,
            @QueryParam("after") @Pattern(regexp = Account.ID_PATTERN, message = ID_MESSAGE)
            @Parameter(description = "the 'next' of the previous page") String after) {
        return accounts.list(access.caller(), after, limit).map(AccountPage::of);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.USER, Roles.ACCOUNT_ADMIN, Roles.PARTNER, Roles.SERVICE})
    @Operation(summary = "One account the caller may see")
    @APIResponse(responseCode = "200", description = "The account")
    @APIResponse(responseCode = "404", description = "No such account, or not one the caller may see",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AccountResponse> get(@PathParam("id") @Pattern(regexp = Account.ID_PATTERN, message = ID_MESSAGE) String id) {
        return accounts.get(access.caller(), id).map(AccountResponse::of);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PARTNER)
    @Operation(summary = "Create a customer account of the caller's partner account")
    @APIResponse(responseCode = "201", description = "Created; Location names the new account",
            headers = @Header(name = "Location", description = "the new account's URL"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccountResponse.class)))
    @APIResponse(responseCode = "400", description = "id or name is invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller is not a partner",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Problem type account-exists: the id is taken",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Problem type not-a-partner: the caller's account is not a partner account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<AccountResponse>> create(@Valid @NotNull CreateAccountRequest request) {
        return accounts.createCustomer(access.caller(), request.id(), request.name())
                .map(account -> RestResponse.ResponseBuilder
                        .<AccountResponse>created(URI.create("/api/v1/accounts/" + account.id))
                        .entity(AccountResponse.of(account))
                        .build());
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ACCOUNT_ADMIN, Roles.PARTNER})
    @Operation(summary = "Rename an account", description = "For an account admin of the account or the partner that created it.")
    @APIResponse(responseCode = "200", description = "The renamed account")
    @APIResponse(responseCode = "400", description = "name is invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller may see the account but not change it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such account, or not one the caller may see",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Problem type concurrent-update: changed at the same time, retry",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AccountResponse> rename(@PathParam("id") @Pattern(regexp = Account.ID_PATTERN, message = ID_MESSAGE) String id,
            @Valid @NotNull RenameAccountRequest request) {
        return accounts.rename(access.caller(), id, request.name()).map(AccountResponse::of);
    }

    @PUT
    @Path("/{id}/integrations")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ACCOUNT_ADMIN, Roles.PARTNER})
    @Operation(summary = "Enable or disable integrations of an account",
            description = "For an account admin of the account or the partner that created it. "
                    + "Integrations can not be enabled on a partner account.")
    @APIResponse(responseCode = "200", description = "The account with the new setting")
    @APIResponse(responseCode = "400", description = "enabled is missing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller may see the account but not change it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such account, or not one the caller may see",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Problem type concurrent-update: changed at the same time, retry",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Problem type integrations-on-partner-account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AccountResponse> integrations(@PathParam("id") @Pattern(regexp = Account.ID_PATTERN, message = ID_MESSAGE) String id,
            @Valid @NotNull IntegrationsRequest request) {
        return accounts.integrations(access.caller(), id, request.enabled()).map(AccountResponse::of);
    }
}
