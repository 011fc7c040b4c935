package dev.openpsi.events.payload;

/**
 * Implemented by every payload record: the account (tenant) always comes first, so consumers can
 * scope any event without knowing its type.
 */
public interface EventPayload {

    String account();
}
