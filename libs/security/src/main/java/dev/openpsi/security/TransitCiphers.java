package dev.openpsi.security;

import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Ciphers for secrets that travel in events, one per recipient service: a {@link SecretCipher}
 * over a key ring only the sender and that recipient hold (never the at-rest keys), so a secret is
 * sealed <em>for</em> its recipient and every other reader of the stream sees ciphertext only.
 * Configured as {@code openpsi.secrets.transit.<recipient>.keys.<kid>} and
 * {@code openpsi.secrets.transit.<recipient>.active-key}; rotation works as for the at-rest keys.
 */
public final class TransitCiphers {

    private final Map<String, SecretCipher> byRecipient;

    public TransitCiphers(Map<String, SecretCipher> byRecipient) {
        this.byRecipient = Map.copyOf(byRecipient);
    }

    /** From key rings: recipient to (key id to base64 key, active key id). */
    public static TransitCiphers of(Map<String, KeyRing> rings) {
        return new TransitCiphers(rings.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> new SecretCipher(e.getValue().keys(), e.getValue().activeKey()))));
    }

    /** One recipient's keys. */
    public record KeyRing(Map<String, String> keys, String activeKey) {
        public KeyRing {
            Objects.requireNonNull(keys, "keys");
            Objects.requireNonNull(activeKey, "activeKey");
        }

        @Override
        public String toString() {
            return "KeyRing[keys=" + keys.keySet() + ", activeKey=" + activeKey + "]";
        }
    }

    /**
     * The cipher shared with {@code recipient}.
     *
     * @throws IllegalStateException if this service holds no transit keys for it (a deployment error)
     */
    public SecretCipher forRecipient(String recipient) {
        SecretCipher cipher = byRecipient.get(recipient);
        if (cipher == null) {
            throw new IllegalStateException("no transit key ring for '" + recipient + "': set openpsi.secrets.transit."
                    + recipient + ".keys.<kid> and openpsi.secrets.transit." + recipient + ".active-key");
        }
        return cipher;
    }

    public boolean has(String recipient) {
        return byRecipient.containsKey(recipient);
    }
}
