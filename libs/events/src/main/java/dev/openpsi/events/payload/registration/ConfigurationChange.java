package dev.openpsi.events.payload.registration;

import com.fasterxml.jackson.annotation.JsonValue;

public enum ConfigurationChange {
    CREATED("created"),
    UPDATED("updated"),
    DELETED("deleted");

    private final String value;

    ConfigurationChange(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }
}
