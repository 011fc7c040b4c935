package dev.openpsi.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private static final String K1 = SecretCipher.generateKey();
    private static final String K2 = SecretCipher.generateKey();
    private static final String CONTEXT = "osv-adapter/subscriber/+4989700712345/sip-password";

    @Test
    void sealsAndOpensWithoutTheSecretAppearingInTheSealedForm() {
        SecretCipher cipher = new SecretCipher(Map.of("k1", K1), "k1");
        String sealed = cipher.seal("s3cr3t-SIP-pass", CONTEXT);
        assertFalse(sealed.contains("s3cr3t"), sealed);
        assertTrue(sealed.startsWith("v1.k1."), "names version and key id: " + sealed);
        assertEquals("s3cr3t-SIP-pass", cipher.open(sealed, CONTEXT));
        assertNotEquals(sealed, cipher.seal("s3cr3t-SIP-pass", CONTEXT), "fresh data key and IV every time");
    }

    @Test
    void aSealedValueMovedToAnotherContextDoesNotOpen() {
        SecretCipher cipher = new SecretCipher(Map.of("k1", K1), "k1");
        String sealed = cipher.seal("pw", CONTEXT);
        SecretUnreadableException e = assertThrows(SecretUnreadableException.class,
                () -> cipher.open(sealed, "osv-adapter/subscriber/+4989700799999/sip-password"));
        assertFalse(e.getMessage().contains("pw"));
    }

    @Test
    void tamperingIsDetected() {
        SecretCipher cipher = new SecretCipher(Map.of("k1", K1), "k1");
        String[] parts = cipher.seal("pw", CONTEXT).split("\\.");
        byte[] body = Base64.getUrlDecoder().decode(parts[5]);
        body[0] ^= 1;
        parts[5] = Base64.getUrlEncoder().withoutPadding().encodeToString(body);
        assertThrows(SecretUnreadableException.class, () -> cipher.open(String.join(".", parts), CONTEXT));
        assertThrows(SecretUnreadableException.class, () -> cipher.open("plain text", CONTEXT));
    }

    @Test
    void rotationKeepsOldValuesReadableAndResealsUnderTheNewKey() {
        String old = new SecretCipher(Map.of("k1", K1), "k1").seal("pw", CONTEXT);
        SecretCipher rotated = new SecretCipher(Map.of("k1", K1, "k2", K2), "k2");
        assertEquals("pw", rotated.open(old, CONTEXT));
        assertTrue(rotated.needsRotation(old));
        String resealed = rotated.reseal(old, CONTEXT);
        assertTrue(resealed.startsWith("v1.k2."));
        assertFalse(rotated.needsRotation(resealed));
        assertEquals("pw", rotated.open(resealed, CONTEXT));
        SecretCipher withoutOldKey = new SecretCipher(Map.of("k2", K2), "k2");
        assertThrows(SecretUnreadableException.class, () -> withoutOldKey.open(old, CONTEXT));
    }

    @Test
    void refusesBadKeyConfiguration() {
        assertThrows(IllegalArgumentException.class, () -> new SecretCipher(Map.of("k1", K1), "k2"));
        assertThrows(IllegalArgumentException.class, () -> new SecretCipher(Map.of("k1", "c2hvcnQ="), "k1"));
        assertThrows(IllegalArgumentException.class, () -> new SecretCipher(Map.of("bad id!", K1), "bad id!"));
    }
}
