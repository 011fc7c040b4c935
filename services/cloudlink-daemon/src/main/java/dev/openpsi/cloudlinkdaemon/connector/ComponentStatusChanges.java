package dev.openpsi.cloudlinkdaemon.connector;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import dev.openpsi.events.EventTypes;
import dev.openpsi.events.payload.platform.ComponentStatus;
import dev.openpsi.events.payload.platform.ComponentStatusChanged;
import dev.openpsi.messaging.EventContext;
import dev.openpsi.messaging.Outbox;
import io.smallrye.mutiny.Uni;

/**
 * The one way a component's status changes: the new state of {@link ComponentStatusRules} is
 * stored with a fresh status detail, and a changed status (degraded counts as one) is published as
 * ComponentStatusChanged through the outbox in the caller's transaction.
 */
@ApplicationScoped
public class ComponentStatusChanges {

    private static final Logger LOG = Logger.getLogger(ComponentStatusChanges.class);
    /** The maxLength of the event schema's detail. */
    private static final int DETAIL_MAX = 2000;

    private final Outbox outbox;
    private final NodesJson nodes;
    private final ConnectorConfig config;

    public ComponentStatusChanges(Outbox outbox, NodesJson nodes, ConnectorConfig config) {
        this.outbox = outbox;
        this.nodes = nodes;
        this.config = config;
    }

    /**
     * Stores {@code next} (the component's nodes already set) and publishes the change from
     * {@code before}; {@code before} null means the component was just linked.
     */
    public Uni<LinkedComponent> apply(Mutiny.Session session, LinkedComponent component, ComponentStatus before,
            ComponentStatusRules.State next, String cause) {
        component.apply(next);
        component.statusDetail = describe(component, next);
        ComponentStatus after = next.eventStatus();
        if (after == before) {
            return Uni.createFrom().item(component);
        }
        String detail = cause == null ? component.statusDetail
                : component.statusDetail == null ? cause : cause + "; " + component.statusDetail;
        LOG.infof("component %s of account %s: %s -> %s", component.id, component.account, before, after);
        return outbox.append(session, EventContext.root(component.account), EventTypes.COMPONENT_STATUS_CHANGED,
                        new ComponentStatusChanged(component.account, component.id.toString(), component.type.eventType(),
                                after, truncate(detail)))
                .replaceWith(component);
    }

    /** The detail with a newly refused clone, the status unchanged. */
    public void recordClone(LinkedComponent component, String host, String instanceId, Instant now) {
        component.recordClone(host, instanceId, now);
        component.statusDetail = describe(component, nodes.state(component));
    }

    /** Why the component is in its status, for the admin console; null when there is nothing to say. */
    String describe(LinkedComponent c, ComponentStatusRules.State state) {
        List<String> parts = new ArrayList<>();
        if (!state.connected()) {
            parts.add("no heartbeat since " + c.lastHeartbeatAt + " (timeout " + config.heartbeatTimeout().toSeconds() + " s)");
        } else {
            String down = nodes.read(c).stream().filter(n -> !n.connected()).map(NodeState::name)
                    .collect(Collectors.joining(", "));
            if (!down.isEmpty()) {
                parts.add((state.activated() ? "degraded: " : "") + "node " + down + " not connected");
            }
            if (state.activated() && state.reenableNeeded()) {
                parts.add("degraded after a node outage or failover: re-enable the container");
            }
        }
        if (c.cloneDetectedAt != null) {
            parts.add("clone refused: a second connector with this component's identity on host " + c.cloneHost
                    + " (instance " + c.cloneInstanceId + ") at " + c.cloneDetectedAt + "; linked from host " + c.host
                    + " (instance " + c.instanceId + ")");
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    private static String truncate(String detail) {
        return detail == null || detail.length() <= DETAIL_MAX ? detail : detail.substring(0, DETAIL_MAX - 1) + "…";
    }
}
