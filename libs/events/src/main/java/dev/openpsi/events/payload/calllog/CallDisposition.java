package dev.openpsi.events.payload.calllog;

import com.fasterxml.jackson.annotation.JsonValue;

public enum CallDisposition {
    ANSWERED("answered"),
    MISSED("missed"),
    BUSY("busy"),
    REJECTED("rejected"),
    VOICEMAIL("voicemail"),
    FAILED("failed");

    private final String value;

    CallDisposition(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }
}
