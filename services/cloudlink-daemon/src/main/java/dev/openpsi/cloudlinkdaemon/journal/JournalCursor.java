package dev.openpsi.cloudlinkdaemon.journal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

import dev.openpsi.security.Problems;

/** The opaque keyset position of a journal page: the (received_at, id) of the last row shown. */
record JournalCursor(OffsetDateTime receivedAt, long id) {

    private static final String VERSION = "j1";

    static JournalCursor after(OffsetDateTime receivedAt, long id) {
        return new JournalCursor(receivedAt, id);
    }

    String encode() {
        Instant at = receivedAt.toInstant();
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, at);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((VERSION + ":" + micros + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** @return null for no cursor; 400 naming {@code cursor} when it is not one of ours */
    static JournalCursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8).split(":");
            if (parts.length != 3 || !VERSION.equals(parts[0])) {
                throw new IllegalArgumentException("unknown cursor");
            }
            long micros = Long.parseLong(parts[1]);
            long id = Long.parseLong(parts[2]);
            Instant at = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
            return new JournalCursor(OffsetDateTime.ofInstant(at, ZoneOffset.UTC), id);
        } catch (RuntimeException e) {
            throw Problems.invalid("cursor", "is not a cursor of this API (pass 'next' of the previous page)");
        }
    }
}
