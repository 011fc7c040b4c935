package dev.openpsi.osvadapter.rest;

import dev.openpsi.osvadapter.service.SubscriberSettings;

/** What creating and replacing a subscriber have in common. */
interface SubscriberInput {

    Boolean zoomUser();

    Boolean registrationViaCentralSbc();

    SipCredentialsRequest sipCredentials();

    FeaturesRequest features();

    default SubscriberSettings toSettings() {
        FeaturesRequest features = features();
        return new SubscriberSettings(zoomUser(), registrationViaCentralSbc(),
                sipCredentials() == null ? null : sipCredentials().toCredentials(),
                features != null && Boolean.TRUE.equals(features.doNotDisturb()),
                ForwardingSettingsRequest.toMap(features == null ? null : features.forwarding()));
    }
}
