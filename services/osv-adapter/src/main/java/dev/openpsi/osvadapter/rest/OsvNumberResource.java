package dev.openpsi.osvadapter.rest;

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

import dev.openpsi.osvadapter.Subscriber;
import dev.openpsi.osvadapter.service.NumberPattern;
import dev.openpsi.osvadapter.service.SubscriberService;
import dev.openpsi.security.AccountScope;
import dev.openpsi.security.Problem;
import dev.openpsi.security.Roles;
import io.smallrye.mutiny.Uni;

/**
 * The OSV resources (numbers) the PBX manager picks a Zoom user's phone number from: every
 * subscriber is listed, but a search only finds Zoom-flagged ones (DOMAIN.md "PBX side").
 */
@Path("/api/v1/resources")
@Tag(name = "OSV resources", description = "The numbers a Zoom user can be given")
@Produces(MediaType.APPLICATION_JSON)
public class OsvNumberResource {

    private final SubscriberService subscribers;
    private final AccountScope scope;

    public OsvNumberResource(SubscriberService subscribers, AccountScope scope) {
        this.subscribers = subscribers;
        this.scope = scope;
    }

    @GET
    @RolesAllowed({Roles.USER, Roles.ACCOUNT_ADMIN, Roles.PARTNER, Roles.SERVICE})
    @Operation(summary = "OSV numbers of the account, ordered by DN",
            description = "Without 'search' every subscriber; with it only Zoom-flagged subscribers whose DN matches. "
                    + "'*' stands for any digits: '*7123*' contains 7123, '+4989*' starts with +4989; without '*' "
                    + "the whole DN must match. Keyset pages: pass 'next' as 'after'.")
    @APIResponse(responseCode = "200", description = "One page of numbers")
    @APIResponse(responseCode = "400", description = "search, limit, after or account is invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<NumberPage> list(
            @QueryParam("search") @Pattern(regexp = NumberPattern.SYNTAX,
                    message = "may contain digits, '+' and the wildcard '*', at most 32 characters")
            @Parameter(description = "digits and '+' with '*' as wildcard, e.g. *7123* or +4989*; finds Zoom-flagged numbers only",
                    example = "*7123*") String search,
            @QueryParam("account") @Pattern(regexp = ApiParameters.ACCOUNT_PATTERN, message = ApiParameters.ACCOUNT_MESSAGE)
            @Parameter(description = ApiParameters.ACCOUNT_DESCRIPTION) String account,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200)
            @Parameter(description = ApiParameters.LIMIT_DESCRIPTION) int limit,
            @QueryParam("after") @Pattern(regexp = Subscriber.DN_PATTERN, message = Subscriber.DN_MESSAGE)
            @Parameter(description = ApiParameters.AFTER_DESCRIPTION) String after) {
        return subscribers.numbers(scope.targetAccount(account), search, after, limit).map(NumberPage::of);
    }
}
