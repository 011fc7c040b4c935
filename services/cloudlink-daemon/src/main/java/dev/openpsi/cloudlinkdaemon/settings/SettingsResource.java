package dev.openpsi.cloudlinkdaemon.settings;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
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

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import dev.openpsi.cloudlinkdaemon.Account;
import dev.openpsi.cloudlinkdaemon.service.AccountAccess;
import dev.openpsi.security.Problem;
import dev.openpsi.security.Problems;
import dev.openpsi.security.Roles;
import io.smallrye.mutiny.Uni;

/**
 * The PBX system settings of an account (DOMAIN.md "CloudLink connector"): voicemail pilot,
 * feature codes, emergency numbers and the dynamic location provider. Held in the account, not
 * pushed to the PBX; consumers learn of changes through {@code SettingsChanged}.
 */
@Path("/api/v1/accounts/{id}/settings")
@Tag(name = "Settings", description = "PBX system settings of an account")
@Produces(MediaType.APPLICATION_JSON)
public class SettingsResource {

    private static final String ID_MESSAGE = "is not an account id";

    private final SettingsService settings;
    private final AccountAccess access;
    private final ObjectReader strictReader;

    public SettingsResource(SettingsService settings, AccountAccess access, ObjectMapper json) {
        this.settings = settings;
        this.access = access;
        this.strictReader = json.readerFor(SettingsRequest.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @GET
    @RolesAllowed({Roles.ACCOUNT_ADMIN, Roles.PARTNER, Roles.SERVICE})
    @Operation(summary = "The settings document of an account",
            description = "For an account admin of the account, the partner that created it and service accounts. "
                    + "The location provider's secret is never returned, only secretSet. The ETag goes into If-Match of a PUT.")
    @APIResponse(responseCode = "200", description = "The settings; sections not configured are null",
            headers = @Header(name = HttpHeaders.ETAG, description = "version of the settings, for If-Match"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SettingsResponse.class)))
    @APIResponse(responseCode = "403", description = "A regular user: only admins read the settings",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such account, or not one the caller may see",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<SettingsResponse>> get(
            @PathParam("id") @Pattern(regexp = Account.ID_PATTERN, message = ID_MESSAGE) String id) {
        return settings.read(access.caller(), id).map(SettingsResource::ok);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ACCOUNT_ADMIN, Roles.PARTNER})
    @Operation(summary = "Replace the settings document of an account",
            description = "For an account admin of the account or the partner that created it. The body replaces the "
                    + "whole document: an absent section is not configured. locationProvider.secret is write-only: "
                    + "required the first time, omitted to keep the stored one. Unknown members are refused. "
                    + "One SettingsChanged event is published per section that changed; nothing when nothing changed.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SettingsRequest.class)))
    @APIResponse(responseCode = "200", description = "The settings as stored",
            headers = @Header(name = HttpHeaders.ETAG, description = "the new version of the settings"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SettingsResponse.class)))
    @APIResponse(responseCode = "400", description = "Problem type validation: errors[].field names every invalid field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller may see the account but not change it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such account, or not one the caller may see",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Problem type concurrent-update: written at the same time without If-Match",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Problem type precondition-failed: If-Match does not name the current ETag",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<SettingsResponse>> replace(
            @PathParam("id") @Pattern(regexp = Account.ID_PATTERN, message = ID_MESSAGE) String id,
            @HeaderParam(HttpHeaders.IF_MATCH)
            @Parameter(description = "the ETag the change is based on (RFC 9110 section 13.1.1); recommended") String ifMatch,
            @NotNull JsonNode body) {
        return settings.replace(access.caller(), id, read(body), ifMatch).map(SettingsResource::ok);
    }

    private SettingsRequest read(JsonNode body) {
        try {
            return strictReader.readValue(body);
        } catch (JsonMappingException e) {
            throw Problems.invalid(path(e), e.getOriginalMessage().split("\n", 2)[0]);
        } catch (java.io.IOException e) {
            throw Problems.invalid("", "the request body is not a settings document");
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                out.append(out.length() > 0 ? "." : "").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static RestResponse<SettingsResponse> ok(SettingsService.Snapshot snapshot) {
        return RestResponse.ResponseBuilder.ok(snapshot.document()).header(HttpHeaders.ETAG, snapshot.tag().value()).build();
    }
}
