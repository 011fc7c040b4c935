package dev.openpsi.cloudlinkdaemon.connector;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Link tokens and connector credentials: 256 random bits, shown once, stored as SHA-256. A plain
 * hash suffices for secrets of that entropy (no dictionary to try); a slow password hash would
 * only slow every heartbeat.
 */
final class ConnectorSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ConnectorSecrets() {
    }

    /** A new secret, {@code prefix} plus 43 base64url characters. */
    static String generate(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** Whether {@code presented} hashes to {@code storedHash}, in constant time. */
    static boolean matches(String presented, String storedHash) {
        if (presented == null || storedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(hash(presented).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
