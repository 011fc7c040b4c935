package dev.openpsi.events.payload.platform;

import com.fasterxml.jackson.annotation.JsonValue;

/** On-premise components that run a CloudLink connector. */
public enum ComponentType {
    /** The management platform (CMP). */
    CMP("cmp"),
    /** One OpenScape Voice node (a duplex system has two). */
    OSV_NODE("osvNode"),
    SBC("sbc"),
    XPRESSIONS("xpressions");

    private final String value;

    ComponentType(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }
}
