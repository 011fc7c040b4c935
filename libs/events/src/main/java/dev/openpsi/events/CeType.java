package dev.openpsi.events;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a {@code ce_type}: {@code dev.openpsi.<stream>.<Event>.v<N>}, e.g.
 * {@code dev.openpsi.call-log.CallLogRecorded.v1}. Parsing checks syntax only; whether the type
 * exists is {@link EventTypes#resolve(String)}'s business.
 */
public record CeType(String stream, String event, int version) {

    public static final String PREFIX = "dev.openpsi.";

    private static final Pattern SYNTAX =
            Pattern.compile("dev\\.openpsi\\.([a-z0-9]+(?:-[a-z0-9]+)*)\\.([A-Z][A-Za-z0-9]*)\\.v([1-9][0-9]{0,8})");

    public CeType {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(event, "event");
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1: " + version);
        }
    }

    /** @throws MalformedEventException if {@code value} is null or not of the form above */
    public static CeType parse(String value) {
        if (value == null) {
            throw new MalformedEventException("ce_type is missing");
        }
        Matcher m = SYNTAX.matcher(value);
        if (!m.matches()) {
            throw new MalformedEventException(
                    "ce_type '" + value + "' does not match dev.openpsi.<stream>.<Event>.v<N>");
        }
        return new CeType(m.group(1), m.group(2), Integer.parseInt(m.group(3)));
    }

    /** The {@code ce_type} string. */
    public String value() {
        return PREFIX + stream + "." + event + ".v" + version;
    }

    @Override
    public String toString() {
        return value();
    }
}
