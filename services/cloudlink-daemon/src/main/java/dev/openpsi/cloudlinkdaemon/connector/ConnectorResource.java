package dev.openpsi.cloudlinkdaemon.connector;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.openpsi.security.Problem;
import io.smallrye.mutiny.Uni;

/**
 * The API of the CloudLink connectors ("daemons") on the on-premise components.
 *
 * <p>How a connector authenticates: like every openpsi API this one is an OIDC resource server
 * with roles. Every connector gets a client-credentials token of the Keycloak client
 * {@code cloudlink-connector}, whose service account holds the realm role {@code connector} and
 * nothing else - so a connector can call only this resource. That token says "a CloudLink
 * connector" but not which one: the component is proven by the credential the link exchange
 * returned, sent as {@code X-Connector-Credential} and checked against its stored SHA-256. A
 * Keycloak client per component (created through the Keycloak admin API at link time) would make
 * the token itself name the component, but would give this service realm-admin rights and tie
 * linking to Keycloak's availability; the per-component credential keeps both out while
 * unlinking revokes a connector at once (its credential hash is deleted). Link tokens and
 * credentials are never logged ({@link LinkRequest} and {@link LinkResponse} print without them).
 */
@Path("/api/v1/connectors")
@Tag(name = "Connectors", description = "Linking, heartbeats and inventory reports of the on-premise CloudLink connectors")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(ConnectorRoles.CONNECTOR)
public class ConnectorResource {

    private static final String PROBLEM = Problem.MEDIA_TYPE;

    private final ConnectorLinking linking;
    private final ConnectorReports reports;

    public ConnectorResource(ConnectorLinking linking, ConnectorReports reports) {
        this.linking = linking;
        this.reports = reports;
    }

    @POST
    @Path("/link")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Exchange a link token for a component id and connector credential",
            description = "Refused when the connector's clock is off by more than openpsi.connectors.clock-tolerance, "
                    + "or when the identity is linked already (a second installation of it is a clone).")
    @APIResponse(responseCode = "201", description = "Linked; the credential is shown only here",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LinkResponse.class)))
    @APIResponse(responseCode = "409", description = "Problem type component-clone-detected (names both hosts) or "
            + "component-already-linked", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Problem type clock-offset (synchronise the clock and link again) "
            + "or link-token-invalid (unknown, used or expired)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<LinkResponse>> link(@Valid @NotNull LinkRequest request) {
        return linking.link(request).map(done -> RestResponse.status(RestResponse.Status.CREATED, done.orThrow()));
    }

    @POST
    @Path("/{componentId}/heartbeats")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "A heartbeat with the state of the system's nodes")
    @APIResponse(responseCode = "200", description = "The component's status now and when the next reports are due",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConnectorAck.class)))
    @APIResponse(responseCode = "403", description = "Problem type connector-not-linked: unknown component or wrong credential",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Problem type component-clone-detected: sent from another host or "
            + "installation than the linked one", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public Uni<ConnectorAck> heartbeat(@PathParam("componentId") UUID componentId,
            @HeaderParam(ConnectorRoles.CREDENTIAL_HEADER) @Parameter(description = "the credential of the link exchange")
            String credential,
            @Valid @NotNull HeartbeatRequest request) {
        return reports.heartbeat(componentId, credential, request).map(Committed::orThrow);
    }

    @POST
    @Path("/{componentId}/inventory")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The component's inventory report (a JSON object), expected every openpsi.connectors.inventory-interval")
    @APIResponse(responseCode = "200", description = "Stored as the latest inventory",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConnectorAck.class)))
    @APIResponse(responseCode = "403", description = "Problem type connector-not-linked: unknown component or wrong credential",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public Uni<ConnectorAck> inventory(@PathParam("componentId") UUID componentId,
            @HeaderParam(ConnectorRoles.CREDENTIAL_HEADER) String credential,
            @NotNull ObjectNode document) {
        return reports.inventory(componentId, credential, document);
    }
}
