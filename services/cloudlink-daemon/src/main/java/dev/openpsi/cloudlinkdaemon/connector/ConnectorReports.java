package dev.openpsi.cloudlinkdaemon.connector;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.openpsi.events.payload.platform.ComponentStatus;
import dev.openpsi.security.Problem;
import dev.openpsi.security.ProblemException;
import dev.openpsi.security.Problems;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Heartbeats and inventory reports of linked connectors, each authenticated by the component's credential. */
@ApplicationScoped
public class ConnectorReports {

    private final ComponentRepository components;
    private final ComponentStatusChanges changes;
    private final ComponentViews views;
    private final NodesJson nodes;
    private final ObjectMapper json;

    public ConnectorReports(ComponentRepository components, ComponentStatusChanges changes, ComponentViews views,
            NodesJson nodes, ObjectMapper json) {
        this.components = components;
        this.changes = changes;
        this.views = views;
        this.nodes = nodes;
        this.json = json;
    }

    /**
     * A heartbeat connects the component and reports its nodes. One from another host or
     * installation than the linked one carries a copied credential: a clone, refused and recorded.
     */
    @WithTransaction
    public Uni<Committed<ConnectorAck>> heartbeat(UUID componentId, String credential, HeartbeatRequest request) {
        Instant now = ConnectorLinking.now();
        return Panache.getSession().chain(session -> authenticated(session, componentId, credential).chain(c -> {
            if (!c.isSameInstallation(request.host(), request.instanceId())) {
                changes.recordClone(c, request.host(), request.instanceId(), now);
                return Uni.createFrom().item(Committed.<ConnectorAck>refused(Problems.conflict("component-clone-detected",
                        "component " + c.id + " is linked from host " + c.host + " (instance " + c.instanceId
                                + "); refused the heartbeat from host " + request.host() + " (instance "
                                + request.instanceId() + "): was the server cloned?")));
            }
            ComponentStatusRules.State before = nodes.state(c);
            ComponentStatus beforeStatus = before.eventStatus();
            nodes.write(c, request.nodesOrEmpty());
            c.lastHeartbeatAt = now;
            ComponentStatusRules.State next = ComponentStatusRules.heartbeat(before, request.allNodesConnected(),
                    Boolean.TRUE.equals(request.failover()));
            String cause = Boolean.TRUE.equals(request.failover()) ? "failover reported" : null;
            return changes.apply(session, c, beforeStatus, next, cause)
                    .call(session::flush)
                    .map(saved -> Committed.ok(views.ack(saved)));
        }));
    }

    /** Stores the inventory document (a JSON object) as the component's latest, with the time it arrived. */
    @WithTransaction
    public Uni<ConnectorAck> inventory(UUID componentId, String credential, ObjectNode document) {
        Instant now = ConnectorLinking.now();
        String text;
        try {
            text = json.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw Problems.invalid("body", "is not a JSON object");
        }
        return Panache.getSession().chain(session -> authenticated(session, componentId, credential)
                .call(c -> components.storeInventory(session, c.id, text, now))
                .call(c -> session.refresh(c))
                .map(views::ack));
    }

    /** The component whose credential {@code credential} is; 403 otherwise (unknown and unlinked alike). */
    private Uni<LinkedComponent> authenticated(Mutiny.Session session, UUID componentId, String credential) {
        return session.find(LinkedComponent.class, componentId).map(c -> {
            if (c == null || !ConnectorSecrets.matches(credential, c.credentialHash)) {
                throw new ProblemException(Problem.rule(403, "connector-not-linked", "Forbidden",
                        "unknown component or wrong connector credential; link the component again", java.util.List.of()));
            }
            return c;
        });
    }
}
