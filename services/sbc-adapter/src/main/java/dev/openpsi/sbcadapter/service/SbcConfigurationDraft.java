package dev.openpsi.sbcadapter.service;

import dev.openpsi.events.payload.registration.SipTransport;

/** The editable attributes of an SBC configuration, already validated by the API. */
public record SbcConfigurationDraft(String name, String host, int port, SipTransport protocol) {
}
