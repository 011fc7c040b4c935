package dev.openpsi.sbcadapter.rest;

/** Validation rules shared by the create and update bodies. */
final class SbcConfigurationFields {

    static final String PROTOCOL_PATTERN = "TLS|TCP|UDP";
    static final String PROTOCOL_MESSAGE = "must be one of TLS, TCP, UDP (TLS is recommended)";
    static final String NAME_PATTERN = "[^\\p{Cntrl}]*";
    static final String NAME_MESSAGE = "must not contain control characters";
    static final String HOST_DESCRIPTION = "IPv4 address, IPv6 address or FQDN of the SBC access interface "
            + "(public, or the DMZ firewall); no scheme, port or path";
    static final String PORT_DESCRIPTION = "SIP port of the access interface (SIP over TLS: 5061 by default; "
            + "a custom port such as 65061 is the hardening advice)";
    static final String PROTOCOL_DESCRIPTION = "SIP transport; TLS is recommended, UDP and TCP are accepted with a warning";

    private SbcConfigurationFields() {
    }
}
