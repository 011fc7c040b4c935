package dev.openpsi.testkit.zoom;

import java.time.Instant;
import java.util.Objects;

/**
 * A user of one simulated Zoom account, as the Users API describes it ({@code GET /users/{userId}}).
 *
 * @param id        Zoom's user ID (22 URL-safe characters, like {@code KDcuGIm1QgePTO8WbOqwIQ})
 * @param email     unique in the account, compared case-insensitively
 * @param type      plan type: 1 Basic, 2 Licensed, 4 Unassigned without Meetings Basic, 99 None
 * @param createdAt {@code user_created_at}
 */
public record ZoomUser(String id, String email, String firstName, String lastName, int type, UserStatus status,
        Instant createdAt) {

    public ZoomUser {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        firstName = firstName == null ? "" : firstName;
        lastName = lastName == null ? "" : lastName;
    }

    /** Zoom's {@code display_name}: first and last name. */
    public String displayName() {
        return (firstName + " " + lastName).trim();
    }

    ZoomUser withStatus(UserStatus newStatus) {
        return new ZoomUser(id, email, firstName, lastName, type, newStatus, createdAt);
    }
}
