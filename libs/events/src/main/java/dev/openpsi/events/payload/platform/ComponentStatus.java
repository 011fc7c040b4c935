package dev.openpsi.events.payload.platform;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Connection state of a linked component, after the OSV switch statuses of the admin portal.
 * {@link #DEGRADED} is "connected and activated" with one node not connected or after a failover.
 */
public enum ComponentStatus {
    DISCONNECTED("disconnected"),
    CONNECTED_DEACTIVATED("connectedDeactivated"),
    CONNECTED_ACTIVATED("connectedActivated"),
    DEGRADED("degraded");

    private final String value;

    ComponentStatus(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }
}
