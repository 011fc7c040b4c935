package dev.openpsi.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption of secrets at rest (SIP passwords, OAuth tokens, provider secrets).
 *
 * <p>Each secret gets a fresh 256-bit data key; the value is sealed with AES-256-GCM under that
 * data key, and the data key is sealed with AES-256-GCM under the active key-encryption key,
 * named by its key id. The sealed form is one printable string:
 * {@code v1.<kid>.<iv of dek>.<wrapped dek>.<iv>.<ciphertext>} (base64url). Rotation: add a new
 * key, make it active; {@link #open} still reads every older key id, and {@link #needsRotation}
 * tells which stored values to re-seal.
 *
 * <p>The caller names a context (for example {@code "osv-adapter/subscriber/+4989700712345/sip-password"})
 * that is bound as GCM additional data: a sealed value copied to another row does not open.
 */
public final class SecretCipher {

    private static final String VERSION = "v1";
    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final Map<String, SecretKey> keys;
    private final String activeKeyId;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param keys        key id to base64 (standard or url) 256-bit key-encryption key
     * @param activeKeyId the key new values are sealed with
     */
    public SecretCipher(Map<String, String> keys, String activeKeyId) {
        Objects.requireNonNull(activeKeyId, "activeKeyId");
        if (!keys.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("the active key id '" + activeKeyId + "' has no key");
        }
        this.keys = keys.entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                Map.Entry::getKey, e -> toKey(e.getKey(), e.getValue())));
        this.activeKeyId = activeKeyId;
    }

    private static SecretKey toKey(String id, String base64) {
        if (!KEY_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("invalid key id '" + id + "': use letters, digits, - or _ (at most 32)");
        }
        byte[] raw;
        try {
            raw = base64.contains("+") || base64.contains("/") || base64.endsWith("=")
                    ? Base64.getDecoder().decode(base64.trim()) : B64D.decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key '" + id + "' is not base64");
        }
        if (raw.length != KEY_BYTES) {
            throw new IllegalArgumentException("key '" + id + "' must be 32 bytes (256 bits), is " + raw.length);
        }
        return new SecretKeySpec(raw, "AES");
    }

    /** A new random key, base64: for operators creating a key-encryption key. */
    public static String generateKey() {
        byte[] raw = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    public String seal(String plaintext, String context) {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(context, "context");
        byte[] dek = new byte[KEY_BYTES];
        random.nextBytes(dek);
        byte[] dekIv = iv();
        byte[] iv = iv();
        byte[] aad = aad(activeKeyId, context);
        byte[] wrapped = gcm(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), dekIv, aad, dek);
        byte[] sealed = gcm(Cipher.ENCRYPT_MODE, new SecretKeySpec(dek, "AES"), iv, aad,
                plaintext.getBytes(StandardCharsets.UTF_8));
        java.util.Arrays.fill(dek, (byte) 0);
        return String.join(".", VERSION, activeKeyId, B64.encodeToString(dekIv), B64.encodeToString(wrapped),
                B64.encodeToString(iv), B64.encodeToString(sealed));
    }

    /** Opens a sealed value; fails with {@link SecretUnreadableException} (never the plaintext) if it was tampered with. */
    public String open(String sealedValue, String context) {
        String[] parts = sealedValue == null ? new String[0] : sealedValue.split("\\.");
        if (parts.length != 6 || !VERSION.equals(parts[0])) {
            throw new SecretUnreadableException("not a sealed secret of version " + VERSION);
        }
        SecretKey kek = keys.get(parts[1]);
        if (kek == null) {
            throw new SecretUnreadableException("sealed with unknown key id '" + parts[1] + "'");
        }
        try {
            byte[] aad = aad(parts[1], context);
            byte[] dek = gcm(Cipher.DECRYPT_MODE, kek, B64D.decode(parts[2]), aad, B64D.decode(parts[3]));
            byte[] plain = gcm(Cipher.DECRYPT_MODE, new SecretKeySpec(dek, "AES"), B64D.decode(parts[4]), aad,
                    B64D.decode(parts[5]));
            java.util.Arrays.fill(dek, (byte) 0);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new SecretUnreadableException("sealed secret does not open (wrong key, context or tampered)");
        }
    }

    /** Whether {@code sealedValue} was sealed with a key other than the active one. */
    public boolean needsRotation(String sealedValue) {
        String[] parts = sealedValue.split("\\.");
        return parts.length < 2 || !activeKeyId.equals(parts[1]);
    }

    /** Re-seals under the active key (rotation). */
    public String reseal(String sealedValue, String context) {
        return needsRotation(sealedValue) ? seal(open(sealedValue, context), context) : sealedValue;
    }

    private byte[] iv() {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        return iv;
    }

    private static byte[] aad(String keyId, String context) {
        return (VERSION + "|" + keyId + "|" + context).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gcm(int mode, SecretKey key, byte[] iv, byte[] aad, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad);
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM " + (mode == Cipher.ENCRYPT_MODE ? "seal" : "open") + " failed", e);
        }
    }
}
