package dev.openpsi.testkit.zoom;

import java.util.Locale;

/** A Zoom user's status (Users API, {@code GET /users?status=}): active, inactive (deactivated) or pending. */
public enum UserStatus {
    ACTIVE, INACTIVE, PENDING;

    /** The wire value, e.g. {@code active}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire value; {@code null} when it is not one of Zoom's three statuses. */
    public static UserStatus fromWire(String value) {
        if (value == null) {
            return null;
        }
        for (UserStatus s : values()) {
            if (s.wire().equals(value)) {
                return s;
            }
        }
        return null;
    }
}
