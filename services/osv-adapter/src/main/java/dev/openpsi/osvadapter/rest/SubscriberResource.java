package dev.openpsi.osvadapter.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.openpsi.osvadapter.Subscriber;
import dev.openpsi.osvadapter.service.SubscriberService;
import dev.openpsi.security.AccountScope;
import dev.openpsi.security.Problem;
import dev.openpsi.security.Roles;
import io.smallrye.mutiny.Uni;

/**
 * OpenScape Voice subscribers of an account: DN, Zoom attributes, SIP digest credentials (the
 * password is write-only) and the features a Zoom client uses. Switching Do Not Disturb or a call
 * forwarding publishes DoNotDisturbChanged / ForwardingChanged on openpsi.telephony.v1.
 */
@Path("/api/v1/subscribers")
@Tag(name = "Subscribers", description = "OpenScape Voice subscribers and their features")
@Produces(MediaType.APPLICATION_JSON)
public class SubscriberResource {

    private static final String ITEM = "/api/v1/subscribers/{dn}";

    private final SubscriberService subscribers;
    private final AccountScope scope;

    public SubscriberResource(SubscriberService subscribers, AccountScope scope) {
        this.subscribers = subscribers;
        this.scope = scope;
    }

    @GET
    @RolesAllowed({Roles.USER, Roles.ACCOUNT_ADMIN, Roles.PARTNER, Roles.SERVICE})
    @Operation(summary = "The subscribers of the account, ordered by DN",
            description = "Keyset pages: pass 'next' as 'after'. The SIP password is never shown.")
    @APIResponse(responseCode = "200", description = "One page of subscribers")
    @APIResponse(responseCode = "400", description = "limit, after or account is invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The account is not one the caller may see",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SubscriberPage> list(
            @QueryParam("account") @Pattern(regexp = ApiParameters.ACCOUNT_PATTERN, message = ApiParameters.ACCOUNT_MESSAGE)
            @Parameter(description = ApiParameters.ACCOUNT_DESCRIPTION) String account,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200)
            @Parameter(description = ApiParameters.LIMIT_DESCRIPTION) int limit,
            @QueryParam("after") @Pattern(regexp = Subscriber.DN_PATTERN, message = Subscriber.DN_MESSAGE)
            @Parameter(description = ApiParameters.AFTER_DESCRIPTION) String after) {
        return subscribers.list(scope.targetAccount(account), after, limit).map(SubscriberPage::of);
    }

    @GET
    @Path("/{dn}")
    @RolesAllowed({Roles.USER, Roles.ACCOUNT_ADMIN, Roles.PARTNER, Roles.SERVICE})
    @Operation(summary = "One subscriber of the account")
    @APIResponse(responseCode = "200", description = "The subscriber")
    @APIResponse(responseCode = "404", description = "No such subscriber in the account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SubscriberResponse> get(
            @PathParam("dn") @Pattern(regexp = Subscriber.DN_PATTERN, message = Subscriber.DN_MESSAGE) String dn,
            @QueryParam("account") @Pattern(regexp = ApiParameters.ACCOUNT_PATTERN, message = ApiParameters.ACCOUNT_MESSAGE)
            @Parameter(description = ApiParameters.ACCOUNT_DESCRIPTION) String account) {
        return subscribers.get(scope.targetAccount(account), dn).map(SubscriberResponse::of);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ACCOUNT_ADMIN, Roles.SERVICE})
    @Operation(summary = "Create a subscriber",
            description = "Features switched on at creation publish their DoNotDisturbChanged / ForwardingChanged events.")
    @APIResponse(responseCode = "201", description = "Created; Location names the new subscriber",
            headers = @Header(name = "Location", description = "the new subscriber's URL"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubscriberResponse.class)))
    @APIResponse(responseCode = "400", description = "A field is invalid; errors name each one",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller may not change subscribers",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Problem type subscriber-exists: the DN is taken in the account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<SubscriberResponse>> create(
            @QueryParam("account") @Pattern(regexp = ApiParameters.ACCOUNT_PATTERN, message = ApiParameters.ACCOUNT_MESSAGE)
            @Parameter(description = ApiParameters.ACCOUNT_DESCRIPTION) String account,
            @Valid @NotNull CreateSubscriberRequest request) {
        return subscribers.create(scope.targetAccount(account), request.dn(), request.toSettings())
                .map(subscriber -> RestResponse.ResponseBuilder
                        .<SubscriberResponse>created(ApiParameters.link(ITEM, subscriber.dn, account))
                        .entity(SubscriberResponse.of(subscriber))
                        .build());
    }

    @PUT
    @Path("/{dn}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ACCOUNT_ADMIN, Roles.SERVICE})
    @Operation(summary = "Replace the settings of a subscriber",
            description = "Every setting is replaced; a SIP password left out keeps the stored one. Each change of "
                    + "Do Not Disturb or of a call forwarding (on/off, destination) publishes its event.")
    @APIResponse(responseCode = "200", description = "The subscriber with its new settings")
    @APIResponse(responseCode = "400", description = "A field is invalid; errors name each one",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller may not change subscribers",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such subscriber in the account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Problem type subscriber-linked: the zoomUser flag cannot be "
            + "switched off while a Zoom user uses the number; concurrent-update: changed at the same time, retry",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SubscriberResponse> update(
            @PathParam("dn") @Pattern(regexp = Subscriber.DN_PATTERN, message = Subscriber.DN_MESSAGE) String dn,
            @QueryParam("account") @Pattern(regexp = ApiParameters.ACCOUNT_PATTERN, message = ApiParameters.ACCOUNT_MESSAGE)
            @Parameter(description = ApiParameters.ACCOUNT_DESCRIPTION) String account,
            @Valid @NotNull UpdateSubscriberRequest request) {
        return subscribers.update(scope.targetAccount(account), dn, request.toSettings()).map(SubscriberResponse::of);
    }

    @DELETE
    @Path("/{dn}")
    @RolesAllowed({Roles.ACCOUNT_ADMIN, Roles.SERVICE})
    @Operation(summary = "Delete a subscriber", description = "Refused while a Zoom user uses the number.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "The caller may not change subscribers",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such subscriber in the account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Problem type subscriber-linked: a Zoom user uses the number",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Void> delete(
            @PathParam("dn") @Pattern(regexp = Subscriber.DN_PATTERN, message = Subscriber.DN_MESSAGE) String dn,
            @QueryParam("account") @Pattern(regexp = ApiParameters.ACCOUNT_PATTERN, message = ApiParameters.ACCOUNT_MESSAGE)
            @Parameter(description = ApiParameters.ACCOUNT_DESCRIPTION) String account) {
        return subscribers.delete(scope.targetAccount(account), dn);
    }
}
