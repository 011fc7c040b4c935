package dev.openpsi.osvadapter.service;

import java.util.Map;

import dev.openpsi.events.payload.telephony.ForwardingType;
import dev.openpsi.osvadapter.Forwarding;

/**
 * Everything a subscriber's owner sets (the DN aside), as a whole: an update replaces all of it.
 *
 * @param sipCredentials null: the subscriber has no SIP credentials
 * @param forwarding     a setting for every {@link ForwardingType}
 */
public record SubscriberSettings(boolean zoomUser, boolean registrationViaCentralSbc, SipCredentials sipCredentials,
                                 boolean doNotDisturb, Map<ForwardingType, Forwarding> forwarding) {

    public SubscriberSettings {
        forwarding = Map.copyOf(forwarding);
        for (ForwardingType type : ForwardingType.values()) {
            if (!forwarding.containsKey(type)) {
                throw new IllegalArgumentException("no forwarding setting for " + type);
            }
        }
    }
}
