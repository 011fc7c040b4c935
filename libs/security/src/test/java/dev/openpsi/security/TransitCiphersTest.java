package dev.openpsi.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class TransitCiphersTest {

    private static final String AT_REST = SecretCipher.generateKey();
    private static final String TRANSIT = SecretCipher.generateKey();
    private static final String CONTEXT = "openpsi.provisioning/acme/anna@acme.example/sipAccount.sealedPassword";

    private static TransitCiphers ring(String key) {
        return TransitCiphers.of(Map.of("zoom-sync", new TransitCiphers.KeyRing(Map.of("t1", key), "t1")));
    }

    @Test
    void theSenderSealsForTheRecipientAndOnlyTheTransitKeyOpensIt() {
        String sealed = ring(TRANSIT).forRecipient("zoom-sync").seal("sip-Pass-1", CONTEXT);
        assertTrue(sealed.startsWith("v1.t1."));
        assertFalse(sealed.contains("sip-Pass-1"));
        assertEquals("sip-Pass-1", ring(TRANSIT).forRecipient("zoom-sync").open(sealed, CONTEXT), "the recipient's copy of the ring");
        SecretCipher atRest = new SecretCipher(Map.of("t1", AT_REST), "t1");
        assertThrows(SecretUnreadableException.class, () -> atRest.open(sealed, CONTEXT), "an at-rest key does not open it");
    }

    @Test
    void aRecipientWithoutKeysIsADeploymentErrorNamingTheSettings() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ring(TRANSIT).forRecipient("push-notifier"));
        assertTrue(e.getMessage().contains("openpsi.secrets.transit.push-notifier.active-key"), e.getMessage());
        assertFalse(ring(TRANSIT).has("push-notifier"));
        assertThrows(IllegalArgumentException.class,
                () -> TransitCiphers.of(Map.of("zoom-sync", new TransitCiphers.KeyRing(Map.of("t1", TRANSIT), "t2"))));
        assertFalse(new TransitCiphers.KeyRing(Map.of("t1", TRANSIT), "t1").toString().contains(TRANSIT), "keys never printed");
    }
}
