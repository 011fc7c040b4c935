package dev.openpsi.cloudlinkdaemon.connector;

import java.util.Optional;

import dev.openpsi.events.payload.platform.ComponentStatus;

/**
 * The switch status rules of DOMAIN.md "CloudLink connector", in one place and free of I/O.
 *
 * <p>Statuses: <b>Disconnected | Connected and deactivated | Connected and activated</b>, plus a
 * degraded "Connected and activated" when a node of the system is not connected or after a
 * failover, fixed by re-enabling the container. Read here as:
 * <ul>
 * <li>Linking connects the component. An OSV node starts "Connected and deactivated" (its container
 * is enabled from the portal); the other components have no container and start activated.</li>
 * <li>A heartbeat connects; a missed heartbeat timeout disconnects. The container's activation
 * survives a disconnection (the container keeps its state on the PBX).</li>
 * <li>While activated, a heartbeat reporting a node not connected, or a failover, marks the
 * component as needing a re-enable: it stays degraded, even after the node is back, until the
 * container is enabled again; and it is degraded for as long as a node is reported down.</li>
 * <li>"Enable container" is allowed only when Connected (the degraded "Connected and activated",
 * which re-enabling fixes) or Connected and deactivated. It is refused when Disconnected, on a
 * healthy "Connected and activated" (nothing to fix), and on components without a container.</li>
 * </ul>
 */
public final class ComponentStatusRules {

    private ComponentStatusRules() {
    }

    /** The three statuses of the admin portal; degradation is a flag of {@link #CONNECTED_ACTIVATED}. */
    public enum Status {
        DISCONNECTED("disconnected", "Disconnected"),
        CONNECTED_DEACTIVATED("connectedDeactivated", "Connected and deactivated"),
        CONNECTED_ACTIVATED("connectedActivated", "Connected and activated");

        private final String value;
        private final String label;

        Status(String value, String label) {
            this.value = value;
            this.label = label;
        }

        /** As the REST API and the events spell it. */
        public String value() {
            return value;
        }

        /** As DOMAIN.md and the admin portal say it. */
        public String label() {
            return label;
        }
    }

    /**
     * What the rules remember of a component.
     *
     * @param connected      heartbeats arrive in time
     * @param activated      its container is enabled (always true for a component without one)
     * @param reenableNeeded a node outage or failover happened while activated; cleared by enabling the container
     * @param nodeDown       the last heartbeat reported a node not connected
     */
    public record State(boolean connected, boolean activated, boolean reenableNeeded, boolean nodeDown) {

        public Status status() {
            if (!connected) {
                return Status.DISCONNECTED;
            }
            return activated ? Status.CONNECTED_ACTIVATED : Status.CONNECTED_DEACTIVATED;
        }

        public boolean degraded() {
            return connected && activated && (reenableNeeded || nodeDown);
        }

        /** The status as ComponentStatusChanged carries it (degraded is a status of its own there). */
        public ComponentStatus eventStatus() {
            if (degraded()) {
                return ComponentStatus.DEGRADED;
            }
            return switch (status()) {
                case DISCONNECTED -> ComponentStatus.DISCONNECTED;
                case CONNECTED_DEACTIVATED -> ComponentStatus.CONNECTED_DEACTIVATED;
                case CONNECTED_ACTIVATED -> ComponentStatus.CONNECTED_ACTIVATED;
            };
        }
    }

    /** The state right after a successful link exchange. */
    public static State linked(boolean hasContainer) {
        return new State(true, !hasContainer, false, false);
    }

    /** A heartbeat arrived, reporting whether every node is connected and whether a failover happened. */
    public static State heartbeat(State s, boolean allNodesConnected, boolean failover) {
        boolean interrupted = s.activated() && (!allNodesConnected || failover);
        return new State(true, s.activated(), s.reenableNeeded() || interrupted, !allNodesConnected);
    }

    /** No heartbeat within the timeout. */
    public static State timedOut(State s) {
        return new State(false, s.activated(), s.reenableNeeded(), s.nodeDown());
    }

    /** The result of "enable container": the new state, or why it is refused. */
    public record Decision(State state, String refusal) {

        public Optional<String> refused() {
            return Optional.ofNullable(refusal);
        }
    }

    /** "Enable container" on a component in state {@code s}. */
    public static Decision enableContainer(State s, boolean hasContainer) {
        if (!hasContainer) {
            return refuse("only an OSV node has a container to enable");
        }
        if (!s.connected()) {
            return refuse("the component is Disconnected; the container can be enabled only when it is "
                    + "Connected and deactivated, or Connected (degraded)");
        }
        if (s.activated() && !s.degraded()) {
            return refuse("the component is already Connected and activated; re-enabling the container only "
                    + "fixes a degraded state");
        }
        return new Decision(new State(true, true, false, s.nodeDown()), null);
    }

    private static Decision refuse(String why) {
        return new Decision(null, why);
    }
}
