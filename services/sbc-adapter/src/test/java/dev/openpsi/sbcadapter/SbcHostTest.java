package dev.openpsi.sbcadapter;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.openpsi.events.EventCodec;
import dev.openpsi.events.EventTypes;
import dev.openpsi.events.payload.registration.ConfigurationChange;
import dev.openpsi.events.payload.registration.SbcConfigurationChanged;
import dev.openpsi.events.payload.registration.SipTransport;

/** The IP/FQDN of an SBC access interface: what is accepted, what is refused, and that the event contract carries it. */
class SbcHostTest {

    static final List<String> ACCEPTED = List.of(
            "203.0.113.10", "255.255.255.255", "10.0.0.1",
            "2001:db8::10", "2001:DB8:0:0:8:800:200C:417A", "::1", "fe80::", "::ffff:203.0.113.10",
            "2001:db8:1:2:3:4:5:6", "2001:db8:1:2:3:4:203.0.113.10",
            "sbc.acme.example", "SBC-1.Acme.Example", "xn--mnchen-3ya.example", "10.sbc.acme.example",
            "l".repeat(63) + ".example", "a1.b2", ("a".repeat(61) + ".").repeat(4) + "com");

    static final List<String> REFUSED = List.of(
            "", " ", "https://sbc.acme.example", "sbc.acme.example:5061", "sbc.acme.example/sip", "sip:sbc.acme.example",
            "sbc", "localhost", "sbc_1.acme.example", "-sbc.acme.example", "sbc-.acme.example", "sbc..acme.example",
            ".acme.example", "sbc.acme.example.", " sbc.acme.example", "sbc.acme.example ", "münchen.example",
            "sbc.acme.123", "256.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.-4", "203.0.113.10:5061",
            "[2001:db8::1]", "2001:db8::1::2", "2001:db8:1:2:3:4:5:6:7", "2001:db8:1:2:3:4:5", ":1", "1:", ":::",
            "1::2:3:4:5:6:7:8", "fe80::1%eth0", "2001:db8::/32", "2001:db8::g", "12345::1", "::203.0.113.10:1",
            "2001:db8:1:2:3:4:5:203.0.113.10", "٣.١.٢.٤", "l".repeat(64) + ".example",
            ("a".repeat(62) + ".").repeat(4) + "com");

    @Test
    void addressesAndFullyQualifiedNamesAreAccepted() {
        for (String host : ACCEPTED) {
            assertTrue(SbcHost.isValid(host), host);
        }
    }

    @Test
    void anythingAroundAHostOrAMalformedOneIsRefused() {
        for (String host : REFUSED) {
            assertFalse(SbcHost.isValid(host), host);
        }
        assertFalse(SbcHost.isValid(null));
    }

    @Test
    void everyAcceptedHostAndTheLongestNameFitTheEventContract() {
        EventCodec codec = new EventCodec();
        for (String host : ACCEPTED) {
            SbcConfigurationChanged event = new SbcConfigurationChanged("acme", UUID.randomUUID().toString(),
                    "n".repeat(SbcConfiguration.NAME_MAX_LENGTH), host, 65535, SipTransport.TLS, ConfigurationChange.CREATED);
            assertDoesNotThrow(() -> codec.encode(EventTypes.SBC_CONFIGURATION_CHANGED, event), host);
        }
    }
}
