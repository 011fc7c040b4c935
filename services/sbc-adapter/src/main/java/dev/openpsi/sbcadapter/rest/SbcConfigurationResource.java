package dev.openpsi.sbcadapter.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.openpsi.sbcadapter.SbcConfiguration;
import dev.openpsi.sbcadapter.service.SbcConfigurationAccess;
import dev.openpsi.sbcadapter.service.SbcConfigurationService;
import dev.openpsi.security.Problem;
import dev.openpsi.security.Roles;
import io.smallrye.mutiny.Uni;

/**
 * SBC "Zoom configurations" of an account: everyone of the account reads them, account admins and
 * services change them. Another account's configuration answers 404, as if it did not exist.
 */
@Path(SbcConfigurationResource.PATH)
@Tag(name = "SBC configurations", description = "SBC Zoom configurations: the SBC access interface (IP/FQDN, port, "
        + "protocol) Zoom clients register to")
@Produces(MediaType.APPLICATION_JSON)
public class SbcConfigurationResource {

    static final String PATH = "/api/v1/sbc-configurations";
    private static final String ACCOUNT_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    private static final String ACCOUNT_MESSAGE = "is not an account id";
    private static final String ACCOUNT_DESCRIPTION = "the account acted on; default the caller's own. "
            + "Service accounts name one; any other account answers 404";
    private static final String ID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    private static final String ID_MESSAGE = "is not an SBC configuration id";

    private final SbcConfigurationService configurations;
    private final SbcConfigurationAccess access;

    public SbcConfigurationResource(SbcConfigurationService configurations, SbcConfigurationAccess access) {
        this.configurations = configurations;
        this.access = access;
    }

    @GET
    @RolesAllowed({Roles.USER, Roles.ACCOUNT_ADMIN, Roles.PARTNER, Roles.SERVICE})
    @Operation(summary = "The account's SBC configurations, ordered by name",
            description = "Keyset pages ordered by name ignoring case: pass 'next' as 'after'.")
    @APIResponse(responseCode = "200", description = "One page of SBC configurations",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SbcConfigurationPage.class)))
    @APIResponse(responseCode = "400", description = "limit, after or account is invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The token carries no account and names none",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The named account is not one the caller may see",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SbcConfigurationPage> list(
            @QueryParam("account") @Pattern(regexp = ACCOUNT_PATTERN, message = ACCOUNT_MESSAGE)
            @Parameter(description = ACCOUNT_DESCRIPTION) String account,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200)
            @Parameter(description = "page size, 1 to 200") int limit,
            @QueryParam("after") @Size(min = 1, max = SbcConfiguration.NAME_MAX_LENGTH)
            @Parameter(description = "the 'next' of the previous page") String after) {
        return configurations.list(access.targetAccount(account), after, limit).map(SbcConfigurationPage::of);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.USER, Roles.ACCOUNT_ADMIN, Roles.PARTNER, Roles.SERVICE})
    @Operation(summary = "One SBC configuration")
    @APIResponse(responseCode = "200", description = "The SBC configuration, with warnings where it does not follow the guide",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SbcConfigurationResponse.class)))
    @APIResponse(responseCode = "400", description = "id or account is invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such SBC configuration, or not one the caller may see",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SbcConfigurationResponse> get(
            @PathParam("id") @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String id,
            @QueryParam("account") @Pattern(regexp = ACCOUNT_PATTERN, message = ACCOUNT_MESSAGE)
            @Parameter(description = ACCOUNT_DESCRIPTION) String account) {
        return configurations.get(access.reach(account), UUID.fromString(id)).map(SbcConfigurationResponse::of);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ACCOUNT_ADMIN, Roles.SERVICE})
    @Operation(summary = "Create an SBC configuration",
            description = "TLS is recommended: UDP and TCP, and TLS on the default port 5061, are accepted with warnings.")
    @APIResponse(responseCode = "201", description = "Created; Location names the new configuration",
            headers = @Header(name = "Location", description = "the new configuration's URL"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SbcConfigurationResponse.class)))
    @APIResponse(responseCode = "400", description = "name, host, port, protocol or account is invalid; errors names each field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller is neither an account admin nor a service",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The named account is not one the caller may see",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Problem type sbc-configuration-exists: the name is taken in the account (ignoring case)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<SbcConfigurationResponse>> create(
            @QueryParam("account") @Pattern(regexp = ACCOUNT_PATTERN, message = ACCOUNT_MESSAGE)
            @Parameter(description = ACCOUNT_DESCRIPTION) String account,
            @Valid @NotNull CreateSbcConfigurationRequest request) {
        return configurations.create(access.targetAccount(account), request.draft())
                .map(configuration -> RestResponse.ResponseBuilder
                        .<SbcConfigurationResponse>created(URI.create(PATH + "/" + configuration.id))
                        .entity(SbcConfigurationResponse.of(configuration))
                        .build());
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ACCOUNT_ADMIN, Roles.SERVICE})
    @Operation(summary = "Replace an SBC configuration",
            description = "A full update of every attribute, applied only if the configuration is still at the version "
                    + "the client read (optimistic locking).")
    @APIResponse(responseCode = "200", description = "The SBC configuration as replaced, with its new version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SbcConfigurationResponse.class)))
    @APIResponse(responseCode = "400", description = "name, host, port, protocol, version, id or account is invalid; errors names each field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller is neither an account admin nor a service",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such SBC configuration, or not one the caller may see",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Problem type concurrent-update: changed since the client read it, "
            + "read it and retry; or sbc-configuration-exists: the new name is taken in the account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SbcConfigurationResponse> update(
            @PathParam("id") @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String id,
            @QueryParam("account") @Pattern(regexp = ACCOUNT_PATTERN, message = ACCOUNT_MESSAGE)
            @Parameter(description = ACCOUNT_DESCRIPTION) String account,
            @Valid @NotNull UpdateSbcConfigurationRequest request) {
        return configurations.update(access.reach(account), UUID.fromString(id), request.version(), request.draft())
                .map(SbcConfigurationResponse::of);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.ACCOUNT_ADMIN, Roles.SERVICE})
    @Operation(summary = "Delete an SBC configuration")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "400", description = "id or account is invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller is neither an account admin nor a service",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such SBC configuration, or not one the caller may see",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Problem type concurrent-update: changed at the same time, read it and retry",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Void> delete(
            @PathParam("id") @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String id,
            @QueryParam("account") @Pattern(regexp = ACCOUNT_PATTERN, message = ACCOUNT_MESSAGE)
            @Parameter(description = ACCOUNT_DESCRIPTION) String account) {
        return configurations.delete(access.reach(account), UUID.fromString(id));
    }
}
