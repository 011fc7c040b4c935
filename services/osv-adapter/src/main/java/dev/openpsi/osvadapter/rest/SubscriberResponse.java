package dev.openpsi.osvadapter.rest;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.openpsi.events.payload.telephony.ForwardingType;
import dev.openpsi.osvadapter.Forwarding;
import dev.openpsi.osvadapter.Subscriber;

/** A subscriber as the API shows it: everything but the SIP password. */
@Schema(name = "Subscriber", description = "An OpenScape Voice subscriber; the SIP password is never shown")
public record SubscriberResponse(
        @Schema(example = "acme") String account,
        @Schema(example = "+4989700712345") String dn,
        boolean zoomUser,
        boolean registrationViaCentralSbc,
        @Schema(description = "absent when the subscriber has none", nullable = true) SipCredentials sipCredentials,
        Features features,
        Instant createdAt,
        Instant updatedAt) {

    /** Realm and user name; the password is write-only. */
    @Schema(name = "SipCredentials", description = "SIP digest credentials without the password (write-only)")
    public record SipCredentials(@Schema(example = "osv.acme.example") String realm,
                                 @Schema(example = "4989700712345") String userName) {
    }

    @Schema(name = "Features")
    public record Features(
            boolean doNotDisturb,
            ForwardingSettings forwarding,
            @Schema(description = "on while forwarding to voicemail is enabled: that is what turns on MWI and visual voicemail")
            boolean messageWaitingIndicator,
            @Schema(description = "the forwarding types a Zoom client shows: those whose endpoint control is allowed")
            List<ForwardingType> clientForwardingTypes) {
    }

    @Schema(name = "ForwardingSettings")
    public record ForwardingSettings(ForwardingState unconditional, ForwardingState busy, ForwardingState noReply,
                                     ForwardingState voicemail, ForwardingState internal, ForwardingState external) {
    }

    @Schema(name = "Forwarding")
    public record ForwardingState(boolean enabled, @Schema(nullable = true) String destination,
                                  boolean endpointControlAllowed) {

        static ForwardingState of(Forwarding forwarding) {
            return new ForwardingState(forwarding.enabled(), forwarding.destination(), forwarding.endpointControlAllowed());
        }
    }

    static SubscriberResponse of(Subscriber s) {
        List<ForwardingType> clientTypes = s.forwardings().entrySet().stream()
                .filter(e -> e.getValue().endpointControlAllowed()).map(e -> e.getKey()).toList();
        Features features = new Features(s.doNotDisturb, new ForwardingSettings(
                ForwardingState.of(s.forwarding(ForwardingType.UNCONDITIONAL)),
                ForwardingState.of(s.forwarding(ForwardingType.BUSY)),
                ForwardingState.of(s.forwarding(ForwardingType.NO_REPLY)),
                ForwardingState.of(s.forwarding(ForwardingType.VOICEMAIL)),
                ForwardingState.of(s.forwarding(ForwardingType.INTERNAL)),
                ForwardingState.of(s.forwarding(ForwardingType.EXTERNAL))),
                s.messageWaitingIndicator(), clientTypes);
        return new SubscriberResponse(s.account, s.dn, s.zoomUser, s.registrationViaCentralSbc,
                s.hasSipCredentials() ? new SipCredentials(s.sipRealm, s.sipUserName) : null,
                features, s.createdAt, s.updatedAt);
    }
}
