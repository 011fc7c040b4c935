package dev.openpsi.osvadapter.rest;

import java.util.EnumMap;
import java.util.Map;

import jakarta.validation.Valid;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.openpsi.events.payload.telephony.ForwardingType;
import dev.openpsi.osvadapter.Forwarding;

/** The call-forwarding features of a subscriber; a type left out is off, without destination or endpoint control. */
@Schema(name = "ForwardingSettingsInput",
        description = "Call forwarding per type; a type left out is off, without destination or endpoint control")
@DestinationsWhenEnabled
public record ForwardingSettingsRequest(
        @Valid ForwardingRequest unconditional,
        @Valid ForwardingRequest busy,
        @Valid ForwardingRequest noReply,
        @Schema(description = "turning it on enables the message waiting indicator and visual voicemail")
        @Valid ForwardingRequest voicemail,
        @Valid ForwardingRequest internal,
        @Valid ForwardingRequest external) {

    ForwardingRequest get(ForwardingType type) {
        return switch (type) {
            case UNCONDITIONAL -> unconditional;
            case BUSY -> busy;
            case NO_REPLY -> noReply;
            case VOICEMAIL -> voicemail;
            case INTERNAL -> internal;
            case EXTERNAL -> external;
        };
    }

    /** A setting for every type, absent ones off. Null settings mean all off. */
    static Map<ForwardingType, Forwarding> toMap(ForwardingSettingsRequest settings) {
        Map<ForwardingType, Forwarding> all = new EnumMap<>(ForwardingType.class);
        for (ForwardingType type : ForwardingType.values()) {
            ForwardingRequest one = settings == null ? null : settings.get(type);
            all.put(type, one == null || one.enabled() == null ? Forwarding.off() : one.toForwarding());
        }
        return all;
    }
}
