package dev.openpsi.events.payload.calllog;

import com.fasterxml.jackson.annotation.JsonValue;

public enum CallDirection {
    INBOUND("inbound"),
    OUTBOUND("outbound"),
    INTERNAL("internal");

    private final String value;

    CallDirection(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }
}
