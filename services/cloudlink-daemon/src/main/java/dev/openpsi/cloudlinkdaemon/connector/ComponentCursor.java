package dev.openpsi.cloudlinkdaemon.connector;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import dev.openpsi.security.Problems;

/** The position after the last component of a page: (name, id), sent to clients as opaque base64url. */
record ComponentCursor(String name, UUID id) {

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((id + ":" + name).getBytes(StandardCharsets.UTF_8));
    }

    /** Null for null; 400 naming {@code cursor} when it is not one of ours. */
    static ComponentCursor decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            return new ComponentCursor(text.substring(colon + 1), UUID.fromString(text.substring(0, colon)));
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw Problems.invalid("cursor", "is not a cursor of this list; pass nextCursor unchanged");
        }
    }
}
