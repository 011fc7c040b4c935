package dev.openpsi.events.payload.platform;

import dev.openpsi.events.payload.EventPayload;

/**
 * The connection status of a linked on-premise component changed.
 *
 * @param detail why, for the admin portal (e.g. "clock offset 42 s: token creation fails"); null if none
 */
public record ComponentStatusChanged(String account, String componentId, ComponentType componentType,
                                     ComponentStatus status, String detail) implements EventPayload {
}
