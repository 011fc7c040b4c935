package dev.openpsi.cloudlinkdaemon.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import dev.openpsi.cloudlinkdaemon.connector.ComponentStatusRules.State;
import dev.openpsi.events.payload.platform.ComponentStatus;

/** Every transition of the switch status rules (DOMAIN.md "CloudLink connector"), as one table. */
class ComponentStatusRulesTest {

    // the states a component can be in (connected, activated, reenableNeeded, nodeDown)
    private static final State DISCONNECTED_DEACTIVATED = new State(false, false, false, false);
    private static final State DISCONNECTED_ACTIVATED = new State(false, true, false, false);
    private static final State DISCONNECTED_ACTIVATED_NEEDS_REENABLE = new State(false, true, true, false);
    private static final State DEACTIVATED = new State(true, false, false, false);
    private static final State DEACTIVATED_NODE_DOWN = new State(true, false, false, true);
    private static final State ACTIVATED = new State(true, true, false, false);
    private static final State DEGRADED_NODE_DOWN = new State(true, true, true, true);
    private static final State DEGRADED_NEEDS_REENABLE = new State(true, true, true, false);
    private static final State ACTIVATED_NODE_DOWN_REENABLED = new State(true, true, false, true);

    private record Row(String input, State from, UnaryOperator<State> transition, State to, ComponentStatus published) {
    }

    private static UnaryOperator<State> heartbeat(boolean allNodesConnected, boolean failover) {
        return s -> ComponentStatusRules.heartbeat(s, allNodesConnected, failover);
    }

    private static final UnaryOperator<State> ALL_UP = heartbeat(true, false);
    private static final UnaryOperator<State> NODE_DOWN = heartbeat(false, false);
    private static final UnaryOperator<State> FAILOVER = heartbeat(true, true);
    private static final UnaryOperator<State> TIMEOUT = ComponentStatusRules::timedOut;
    private static final UnaryOperator<State> ENABLE = s -> ComponentStatusRules.enableContainer(s, true).state();

    private static final List<Row> TABLE = List.of(
            // heartbeats
            new Row("heartbeat, all nodes up", DISCONNECTED_DEACTIVATED, ALL_UP, DEACTIVATED, ComponentStatus.CONNECTED_DEACTIVATED),
            new Row("heartbeat, all nodes up", DISCONNECTED_ACTIVATED, ALL_UP, ACTIVATED, ComponentStatus.CONNECTED_ACTIVATED),
            new Row("heartbeat, all nodes up", DISCONNECTED_ACTIVATED_NEEDS_REENABLE, ALL_UP, DEGRADED_NEEDS_REENABLE, ComponentStatus.DEGRADED),
            new Row("heartbeat, all nodes up", DEACTIVATED, ALL_UP, DEACTIVATED, ComponentStatus.CONNECTED_DEACTIVATED),
            new Row("heartbeat, all nodes up", DEACTIVATED_NODE_DOWN, ALL_UP, DEACTIVATED, ComponentStatus.CONNECTED_DEACTIVATED),
            new Row("heartbeat, all nodes up", ACTIVATED, ALL_UP, ACTIVATED, ComponentStatus.CONNECTED_ACTIVATED),
            new Row("heartbeat, all nodes up", DEGRADED_NODE_DOWN, ALL_UP, DEGRADED_NEEDS_REENABLE, ComponentStatus.DEGRADED),
            new Row("heartbeat, all nodes up", DEGRADED_NEEDS_REENABLE, ALL_UP, DEGRADED_NEEDS_REENABLE, ComponentStatus.DEGRADED),
            new Row("heartbeat, all nodes up", ACTIVATED_NODE_DOWN_REENABLED, ALL_UP, ACTIVATED, ComponentStatus.CONNECTED_ACTIVATED),
            new Row("heartbeat, a node down", DISCONNECTED_DEACTIVATED, NODE_DOWN, DEACTIVATED_NODE_DOWN, ComponentStatus.CONNECTED_DEACTIVATED),
            new Row("heartbeat, a node down", DISCONNECTED_ACTIVATED, NODE_DOWN, DEGRADED_NODE_DOWN, ComponentStatus.DEGRADED),
            new Row("heartbeat, a node down", DEACTIVATED, NODE_DOWN, DEACTIVATED_NODE_DOWN, ComponentStatus.CONNECTED_DEACTIVATED),
            new Row("heartbeat, a node down", ACTIVATED, NODE_DOWN, DEGRADED_NODE_DOWN, ComponentStatus.DEGRADED),
            new Row("heartbeat, a node down", DEGRADED_NEEDS_REENABLE, NODE_DOWN, DEGRADED_NODE_DOWN, ComponentStatus.DEGRADED),
            new Row("heartbeat, a node down", ACTIVATED_NODE_DOWN_REENABLED, NODE_DOWN, DEGRADED_NODE_DOWN, ComponentStatus.DEGRADED),
            new Row("heartbeat, failover", DEACTIVATED, FAILOVER, DEACTIVATED, ComponentStatus.CONNECTED_DEACTIVATED),
            new Row("heartbeat, failover", ACTIVATED, FAILOVER, DEGRADED_NEEDS_REENABLE, ComponentStatus.DEGRADED),
            new Row("heartbeat, failover", DISCONNECTED_ACTIVATED, FAILOVER, DEGRADED_NEEDS_REENABLE, ComponentStatus.DEGRADED),
            // heartbeat timeout: disconnected, the container's activation kept
            new Row("timeout", DEACTIVATED, TIMEOUT, DISCONNECTED_DEACTIVATED, ComponentStatus.DISCONNECTED),
            new Row("timeout", ACTIVATED, TIMEOUT, DISCONNECTED_ACTIVATED, ComponentStatus.DISCONNECTED),
            new Row("timeout", DEGRADED_NEEDS_REENABLE, TIMEOUT, DISCONNECTED_ACTIVATED_NEEDS_REENABLE, ComponentStatus.DISCONNECTED),
            new Row("timeout", DEGRADED_NODE_DOWN, TIMEOUT, new State(false, true, true, true), ComponentStatus.DISCONNECTED),
            new Row("timeout", DISCONNECTED_ACTIVATED, TIMEOUT, DISCONNECTED_ACTIVATED, ComponentStatus.DISCONNECTED),
            // enable container where allowed
            new Row("enable container", DEACTIVATED, ENABLE, ACTIVATED, ComponentStatus.CONNECTED_ACTIVATED),
            new Row("enable container", DEACTIVATED_NODE_DOWN, ENABLE, ACTIVATED_NODE_DOWN_REENABLED, ComponentStatus.DEGRADED),
            new Row("enable container", DEGRADED_NEEDS_REENABLE, ENABLE, ACTIVATED, ComponentStatus.CONNECTED_ACTIVATED),
            new Row("enable container", DEGRADED_NODE_DOWN, ENABLE, ACTIVATED_NODE_DOWN_REENABLED, ComponentStatus.DEGRADED));

    @Test
    void everyTransition() {
        for (Row row : TABLE) {
            State to = row.transition().apply(row.from());
            String what = row.input() + " from " + row.from();
            assertEquals(row.to(), to, what);
            assertEquals(row.published(), to.eventStatus(), what);
        }
    }

    @Test
    void linkingConnectsAnOsvNodeDeactivatedAndOtherComponentsActivated() {
        assertEquals(DEACTIVATED, ComponentStatusRules.linked(true));
        assertEquals(ComponentStatusRules.Status.CONNECTED_DEACTIVATED, ComponentStatusRules.linked(true).status());
        assertEquals(ACTIVATED, ComponentStatusRules.linked(false));
    }

    @Test
    void theThreeStatusesAndDegradation() {
        assertEquals("Disconnected", DISCONNECTED_ACTIVATED_NEEDS_REENABLE.status().label());
        assertFalse(DISCONNECTED_ACTIVATED_NEEDS_REENABLE.degraded(), "a disconnected component is not degraded");
        assertEquals("Connected and deactivated", DEACTIVATED_NODE_DOWN.status().label());
        assertFalse(DEACTIVATED_NODE_DOWN.degraded(), "degradation is a state of 'Connected and activated' only");
        assertEquals("Connected and activated", DEGRADED_NODE_DOWN.status().label());
        assertTrue(DEGRADED_NODE_DOWN.degraded());
        assertTrue(DEGRADED_NEEDS_REENABLE.degraded());
        assertFalse(ACTIVATED.degraded());
    }

    @Test
    void enableContainerIsRefusedOutsideTheAllowedStates() {
        for (State disconnected : List.of(DISCONNECTED_DEACTIVATED, DISCONNECTED_ACTIVATED, DISCONNECTED_ACTIVATED_NEEDS_REENABLE)) {
            ComponentStatusRules.Decision d = ComponentStatusRules.enableContainer(disconnected, true);
            assertTrue(d.refused().orElseThrow().startsWith("the component is Disconnected"), d.refusal());
        }
        assertTrue(ComponentStatusRules.enableContainer(ACTIVATED, true).refused().orElseThrow()
                .startsWith("the component is already Connected and activated"));
        assertTrue(ComponentStatusRules.enableContainer(DEACTIVATED, false).refused().orElseThrow()
                .contains("only an OSV node has a container"));
    }
}
