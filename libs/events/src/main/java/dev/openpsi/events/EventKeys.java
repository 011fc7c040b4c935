package dev.openpsi.events;

import java.util.Objects;

/** Builds Kafka record keys: {@code <account>/<entity>}, so per-entity order holds within an account. */
public final class EventKeys {

    public static final char SEPARATOR = '/';

    private EventKeys() {
    }

    public static String of(String account, String entity) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(entity, "entity");
        if (account.isBlank() || entity.isBlank()) {
            throw new IllegalArgumentException("account and entity of a key must not be blank");
        }
        // The account must not contain the separator, otherwise two different (account, entity)
        // pairs could produce the same key; the entity may (it is everything after the first one).
        if (account.indexOf(SEPARATOR) >= 0) {
            throw new IllegalArgumentException("account must not contain '" + SEPARATOR + "': " + account);
        }
        return account + SEPARATOR + entity;
    }
}
