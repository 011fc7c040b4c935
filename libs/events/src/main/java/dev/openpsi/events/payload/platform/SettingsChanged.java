package dev.openpsi.events.payload.platform;

import dev.openpsi.events.payload.EventPayload;

/**
 * A section of the account's PBX system settings changed. The event names the section only:
 * consumers read the new values through the owner's API, so the location-provider secret never
 * travels in an event.
 */
public record SettingsChanged(String account, SettingsSection section) implements EventPayload {
}
