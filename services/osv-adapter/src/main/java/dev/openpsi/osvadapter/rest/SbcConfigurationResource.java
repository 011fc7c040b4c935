package dev.openpsi.osvadapter.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
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

import dev.openpsi.events.payload.registration.SipTransport;
import dev.openpsi.osvadapter.SbcConfiguration;
import dev.openpsi.osvadapter.service.Listing;
import dev.openpsi.osvadapter.service.SbcConfigurationService;
import dev.openpsi.security.AccountScope;
import dev.openpsi.security.Problem;
import dev.openpsi.security.Roles;
import io.smallrye.mutiny.Uni;

/**
 * The SBC configurations a Zoom user can be added with, as sbc-adapter published them
 * (SbcConfigurationChanged). Read-only here: they are managed on the SBC side.
 */
@Path("/api/v1/sbc-configurations")
@Tag(name = "SBC configurations", description = "SBC Zoom configurations known to the PBX side (read-only)")
@Produces(MediaType.APPLICATION_JSON)
public class SbcConfigurationResource {

    private final SbcConfigurationService configurations;
    private final AccountScope scope;

    public SbcConfigurationResource(SbcConfigurationService configurations, AccountScope scope) {
        this.configurations = configurations;
        this.scope = scope;
    }

    /** One SBC configuration. */
    @Schema(name = "SbcConfiguration")
    public record SbcConfigurationResponse(@Schema(example = "sbc-munich") String id,
                                           @Schema(example = "Munich SBC") String name,
                                           @Schema(description = "IP address or FQDN of the SBC access interface",
                                                   example = "sbc.acme.example") String host,
                                           @Schema(example = "65061") int port,
                                           SipTransport protocol) {

        static SbcConfigurationResponse of(SbcConfiguration c) {
            return new SbcConfigurationResponse(c.id, c.name, c.host, c.port, c.protocol);
        }
    }

    /** One page of SBC configurations ordered by id. */
    @Schema(name = "SbcConfigurationPage", description = "pass 'next' as 'after' to read the following page")
    public record SbcConfigurationPage(List<SbcConfigurationResponse> items,
                                       @Schema(description = "the id to continue after; null on the last page") String next) {

        static SbcConfigurationPage of(Listing<SbcConfiguration> listing) {
            return new SbcConfigurationPage(listing.items().stream().map(SbcConfigurationResponse::of).toList(),
                    listing.next());
        }
    }

    @GET
    @RolesAllowed({Roles.USER, Roles.ACCOUNT_ADMIN, Roles.PARTNER, Roles.SERVICE})
    @Operation(summary = "The current SBC configurations of the account, ordered by id",
            description = "Deleted configurations are not listed. Keyset pages: pass 'next' as 'after'.")
    @APIResponse(responseCode = "200", description = "One page of SBC configurations")
    @APIResponse(responseCode = "400", description = "limit, after or account is invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SbcConfigurationPage> list(
            @QueryParam("account") @Pattern(regexp = ApiParameters.ACCOUNT_PATTERN, message = ApiParameters.ACCOUNT_MESSAGE)
            @Parameter(description = ApiParameters.ACCOUNT_DESCRIPTION) String account,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200)
            @Parameter(description = ApiParameters.LIMIT_DESCRIPTION) int limit,
            @QueryParam("after") @Pattern(regexp = "\\S{1,128}", message = "is not an SBC configuration id")
            @Parameter(description = ApiParameters.AFTER_DESCRIPTION) String after) {
        return configurations.list(scope.targetAccount(account), after, limit).map(SbcConfigurationPage::of);
    }
}
