package dev.openpsi.events.payload.registration;

import dev.openpsi.events.payload.EventPayload;

/**
 * An SBC "Zoom configuration" was created, updated or deleted. A deletion carries the last state.
 *
 * @param host IP address or FQDN of the SBC access interface (public, or the DMZ firewall)
 * @param port SIP port on that interface (5061 by default for TLS; a custom port is the hardening advice)
 */
public record SbcConfigurationChanged(String account, String sbcConfigurationId, String name, String host, int port,
                                      SipTransport protocol, ConfigurationChange change) implements EventPayload {
}
