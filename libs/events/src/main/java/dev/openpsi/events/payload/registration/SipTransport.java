package dev.openpsi.events.payload.registration;

/** Transport of an SBC Zoom configuration. TLS is recommended; UDP and TCP are not for remote subscribers. */
public enum SipTransport {
    TLS,
    TCP,
    UDP
}
