package dev.openpsi.events;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A W3C Trace Context {@code traceparent}: {@code 00-<32 hex trace-id>-<16 hex parent-id>-<2 hex flags>}.
 * Only version {@code 00} is produced; per the spec, a higher version is parsed by its first four
 * fields and {@code ff} is invalid. All-zero trace or parent ids are invalid.
 */
public record Traceparent(String traceId, String parentId, String flags) {

    public static final String VERSION = "00";
    private static final String INVALID_VERSION = "ff";
    private static final String ZERO_TRACE_ID = "0".repeat(32);
    private static final String ZERO_PARENT_ID = "0".repeat(16);
    private static final String SAMPLED = "01";

    private static final Pattern V00 = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    // Future versions may append fields after the flags; this parser only relies on the first four.
    private static final Pattern FUTURE =
            Pattern.compile("([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?");

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    public Traceparent {
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(parentId, "parentId");
        Objects.requireNonNull(flags, "flags");
        if (!traceId.matches("[0-9a-f]{32}") || traceId.equals(ZERO_TRACE_ID)) {
            throw new IllegalArgumentException("trace-id must be 32 lowercase hex digits, not all zero: " + traceId);
        }
        if (!parentId.matches("[0-9a-f]{16}") || parentId.equals(ZERO_PARENT_ID)) {
            throw new IllegalArgumentException("parent-id must be 16 lowercase hex digits, not all zero: " + parentId);
        }
        if (!flags.matches("[0-9a-f]{2}")) {
            throw new IllegalArgumentException("trace-flags must be 2 lowercase hex digits: " + flags);
        }
    }

    /** @throws IllegalArgumentException naming what is wrong with {@code value} */
    public static Traceparent parse(String value) {
        if (value == null) {
            throw new IllegalArgumentException("traceparent is null");
        }
        Matcher v00 = V00.matcher(value);
        if (v00.matches()) {
            return new Traceparent(v00.group(1), v00.group(2), v00.group(3));
        }
        Matcher future = FUTURE.matcher(value);
        if (future.matches() && !future.group(1).equals(VERSION) && !future.group(1).equals(INVALID_VERSION)) {
            return new Traceparent(future.group(2), future.group(3), future.group(4));
        }
        throw new IllegalArgumentException(
                "traceparent '" + value + "' is not 00-<32 hex trace-id>-<16 hex parent-id>-<2 hex flags>");
    }

    /** Whether {@code value} is a valid traceparent. */
    public static boolean isValid(String value) {
        try {
            parse(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Starts a new trace (sampled), for work that did not arrive with a trace context. */
    public static Traceparent newRoot() {
        return new Traceparent(randomHex(16, ZERO_TRACE_ID), randomHex(8, ZERO_PARENT_ID), SAMPLED);
    }

    /** The context for a new span in the same trace: same trace id and flags, new parent id. */
    public Traceparent child() {
        String next;
        do {
            next = randomHex(8, ZERO_PARENT_ID);
        } while (next.equals(parentId));
        return new Traceparent(traceId, next, flags);
    }

    public boolean sampled() {
        return (HexFormat.fromHexDigits(flags) & 0x01) != 0;
    }

    /** The header value, always written as version {@code 00}. */
    public String value() {
        return VERSION + "-" + traceId + "-" + parentId + "-" + flags;
    }

    @Override
    public String toString() {
        return value();
    }

    private static String randomHex(int bytes, String forbidden) {
        byte[] buffer = new byte[bytes];
        String hex;
        do {
            RANDOM.nextBytes(buffer);
            hex = HEX.formatHex(buffer);
        } while (hex.equals(forbidden));
        return hex;
    }
}
