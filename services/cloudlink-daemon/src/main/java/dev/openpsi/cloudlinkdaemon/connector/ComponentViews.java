package dev.openpsi.cloudlinkdaemon.connector;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

/** Components as the admin console shows them; inventory overdue is judged at read time. */
@ApplicationScoped
public class ComponentViews {

    private final NodesJson nodes;
    private final ConnectorConfig config;

    public ComponentViews(NodesJson nodes, ConnectorConfig config) {
        this.nodes = nodes;
        this.config = config;
    }

    public ComponentView of(LinkedComponent c, Instant now) {
        ComponentStatusRules.State state = nodes.state(c);
        return new ComponentView(c.id, c.type, c.name, c.host, state.status().value(), c.statusDetail, state.degraded(),
                c.lastHeartbeatAt, c.lastInventoryAt, inventoryOverdue(c, now), nodes.read(c));
    }

    /** An inventory is expected every interval after linking; overdue once interval plus grace passed without one. */
    public boolean inventoryOverdue(LinkedComponent c, Instant now) {
        return now.isAfter(nextInventoryBy(c));
    }

    public Instant nextInventoryBy(LinkedComponent c) {
        Instant last = c.lastInventoryAt != null ? c.lastInventoryAt : c.linkedAt;
        return last.plus(config.inventoryInterval()).plus(config.inventoryGrace());
    }

    public ConnectorAck ack(LinkedComponent c) {
        ComponentStatusRules.State state = nodes.state(c);
        return new ConnectorAck(state.status().value(), state.degraded(), c.statusDetail,
                c.lastHeartbeatAt.plus(config.heartbeatInterval()), nextInventoryBy(c));
    }
}
