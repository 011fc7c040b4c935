package dev.openpsi.osvadapter.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.openpsi.osvadapter.ZoomUser;
import dev.openpsi.osvadapter.service.ZoomUserImport;
import dev.openpsi.osvadapter.service.ZoomUserService;
import dev.openpsi.security.AccountScope;
import dev.openpsi.security.Problem;
import dev.openpsi.security.Roles;
import io.smallrye.mutiny.Uni;

/**
 * Zoom users as the PBX manager sees them ("Zoom > Users"). Adding one publishes ZoomUserLinked;
 * renaming it (or moving it to another number or SBC configuration) ZoomUserUpdated; deleting it
 * ZoomUserRemoved, on openpsi.provisioning.v1 - the vendor propagates neither renames nor deletions.
 */
@Path("/api/v1/zoom-users")
@Tag(name = "Zoom users", description = "Zoom users of the PBX, linked to Zoom-flagged subscribers")
@Produces(MediaType.APPLICATION_JSON)
public class ZoomUserResource {

    private static final String ITEM = "/api/v1/zoom-users/{email}";
    private static final String EMAIL_PATH = "the user's email (case does not matter)";

    private final ZoomUserService zoomUsers;
    private final ZoomUserImport imports;
    private final AccountScope scope;
    private final Validator validator;

    public ZoomUserResource(ZoomUserService zoomUsers, ZoomUserImport imports, AccountScope scope, Validator validator) {
        this.zoomUsers = zoomUsers;
        this.imports = imports;
        this.scope = scope;
        this.validator = validator;
    }

    @GET
    @RolesAllowed({Roles.USER, Roles.ACCOUNT_ADMIN, Roles.PARTNER, Roles.SERVICE})
    @Operation(summary = "The Zoom users of the account, ordered by email", description = "Keyset pages: pass 'next' as 'after'.")
    @APIResponse(responseCode = "200", description = "One page of Zoom users")
    @APIResponse(responseCode = "400", description = "limit, after or account is invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ZoomUserPage> list(
            @QueryParam("account") @Pattern(regexp = ApiParameters.ACCOUNT_PATTERN, message = ApiParameters.ACCOUNT_MESSAGE)
            @Parameter(description = ApiParameters.ACCOUNT_DESCRIPTION) String account,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200)
            @Parameter(description = ApiParameters.LIMIT_DESCRIPTION) int limit,
            @QueryParam("after") @Pattern(regexp = ZoomUser.EMAIL_PATTERN, message = ZoomUser.EMAIL_MESSAGE)
            @Parameter(description = ApiParameters.AFTER_DESCRIPTION) String after) {
        return zoomUsers.list(scope.targetAccount(account), ZoomUserInput.normalizeEmail(after), limit).map(ZoomUserPage::of);
    }

    @GET
    @Path("/{email}")
    @RolesAllowed({Roles.USER, Roles.ACCOUNT_ADMIN, Roles.PARTNER, Roles.SERVICE})
    @Operation(summary = "One Zoom user of the account")
    @APIResponse(responseCode = "200", description = "The Zoom user")
    @APIResponse(responseCode = "404", description = "No such Zoom user in the account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ZoomUserResponse> get(
            @PathParam("email") @Parameter(description = EMAIL_PATH) String email,
            @QueryParam("account") @Pattern(regexp = ApiParameters.ACCOUNT_PATTERN, message = ApiParameters.ACCOUNT_MESSAGE)
            @Parameter(description = ApiParameters.ACCOUNT_DESCRIPTION) String account) {
        return zoomUsers.get(scope.targetAccount(account), ZoomUserInput.normalizeEmail(email)).map(ZoomUserResponse::of);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ACCOUNT_ADMIN, Roles.SERVICE})
    @Operation(summary = "Add a Zoom user", description = "The number must be a Zoom-flagged subscriber of the account that "
            + "no other Zoom user has, and the SBC configuration must exist; otherwise the save fails with "
            + "'The action has failed' and the reason per field. Publishes ZoomUserLinked.")
    @APIResponse(responseCode = "201", description = "Created; Location names the new Zoom user",
            headers = @Header(name = "Location", description = "the new Zoom user's URL"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ZoomUserResponse.class)))
    @APIResponse(responseCode = "400", description = "A field is invalid; errors name each one",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller may not change Zoom users",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Problem type zoom-user-exists: the email is taken in the account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The action has failed: problem types dn-not-a-subscriber, "
            + "dn-not-a-zoom-user, dn-already-linked, unknown-sbc-configuration; errors name the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<ZoomUserResponse>> create(
            @QueryParam("account") @Pattern(regexp = ApiParameters.ACCOUNT_PATTERN, message = ApiParameters.ACCOUNT_MESSAGE)
            @Parameter(description = ApiParameters.ACCOUNT_DESCRIPTION) String account,
            @Valid @NotNull CreateZoomUserRequest request) {
        return zoomUsers.create(scope.targetAccount(account), request.toDraft())
                .map(user -> RestResponse.ResponseBuilder
                        .<ZoomUserResponse>created(ApiParameters.link(ITEM, user.email, account))
                        .entity(ZoomUserResponse.of(user))
                        .build());
    }

    @PUT
    @Path("/{email}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ACCOUNT_ADMIN, Roles.SERVICE})
    @Operation(summary = "Edit a Zoom user", description = "Names, number, SBC configuration and voicemail callback may change; "
            + "the email may not. A change publishes ZoomUserUpdated with the new state; an unchanged user publishes nothing.")
    @APIResponse(responseCode = "200", description = "The Zoom user with its new state")
    @APIResponse(responseCode = "400", description = "A field is invalid; errors name each one",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller may not change Zoom users",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such Zoom user in the account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Problem type concurrent-update: changed at the same time, retry",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Problem type email-immutable, or the action has failed for the new "
            + "number or SBC configuration (as on create)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ZoomUserResponse> update(
            @PathParam("email") @Parameter(description = EMAIL_PATH) String email,
            @QueryParam("account") @Pattern(regexp = ApiParameters.ACCOUNT_PATTERN, message = ApiParameters.ACCOUNT_MESSAGE)
            @Parameter(description = ApiParameters.ACCOUNT_DESCRIPTION) String account,
            @Valid @NotNull UpdateZoomUserRequest request) {
        return zoomUsers.update(scope.targetAccount(account), ZoomUserInput.normalizeEmail(email), request.toDraft())
                .map(ZoomUserResponse::of);
    }

    @DELETE
    @Path("/{email}")
    @RolesAllowed({Roles.ACCOUNT_ADMIN, Roles.SERVICE})
    @Operation(summary = "Delete a Zoom user", description = "Publishes ZoomUserRemoved so the user stops holding a PSI licence.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "The caller may not change Zoom users",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such Zoom user in the account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Void> delete(
            @PathParam("email") @Parameter(description = EMAIL_PATH) String email,
            @QueryParam("account") @Pattern(regexp = ApiParameters.ACCOUNT_PATTERN, message = ApiParameters.ACCOUNT_MESSAGE)
            @Parameter(description = ApiParameters.ACCOUNT_DESCRIPTION) String account) {
        return zoomUsers.delete(scope.targetAccount(account), ZoomUserInput.normalizeEmail(email));
    }

    @POST
    @Path("/import")
    @Consumes(ZoomUserCsv.MEDIA_TYPE)
    @RolesAllowed({Roles.ACCOUNT_ADMIN, Roles.SERVICE})
    @Operation(summary = "Add Zoom users from a CSV file",
            description = "RFC 4180 CSV with the header row email,firstName,lastName,sbcConfigurationId,dn,voicemailCallbackNumber "
                    + "and at most 5000 rows. Each row is checked like a single add and written in a transaction of its own: "
                    + "a failed row writes nothing, the good rows are kept (each publishes ZoomUserLinked).")
    @RequestBody(content = @Content(mediaType = ZoomUserCsv.MEDIA_TYPE, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
            example = "email,firstName,lastName,sbcConfigurationId,dn,voicemailCallbackNumber\n"
                    + "jane.doe@acme.example,Jane,Doe,sbc-munich,+4989700712345,+4989700700000\n")))
    @APIResponse(responseCode = "200", description = "What became of each row",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportReport.class)))
    @APIResponse(responseCode = "400", description = "Problem type malformed-csv (not CSV, wrong header) or too-many-rows",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller may not change Zoom users",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ImportReport> importCsv(
            @QueryParam("account") @Pattern(regexp = ApiParameters.ACCOUNT_PATTERN, message = ApiParameters.ACCOUNT_MESSAGE)
            @Parameter(description = ApiParameters.ACCOUNT_DESCRIPTION) String account,
            String csv) {
        String target = scope.targetAccount(account);
        return imports.run(target, ZoomUserCsv.rows(csv, validator)).map(ImportReport::of);
    }
}
