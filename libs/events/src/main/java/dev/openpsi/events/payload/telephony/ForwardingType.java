package dev.openpsi.events.payload.telephony;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The subscriber call-forwarding features a Zoom client can see. Turning on {@link #VOICEMAIL} is
 * what enables MWI and visual voicemail; internal/external are shown only when the PBX allows
 * endpoint control for them.
 */
public enum ForwardingType {
    UNCONDITIONAL("unconditional"),
    BUSY("busy"),
    NO_REPLY("noReply"),
    VOICEMAIL("voicemail"),
    INTERNAL("internal"),
    EXTERNAL("external");

    private final String value;

    ForwardingType(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }
}
