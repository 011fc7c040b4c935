package dev.openpsi.events.payload.platform;

import com.fasterxml.jackson.annotation.JsonValue;

/** The sections of the PBX system settings held in an account. */
public enum SettingsSection {
    VOICEMAIL_PILOT("voicemailPilot"),
    FEATURE_CODES("featureCodes"),
    EMERGENCY_NUMBERS("emergencyNumbers"),
    LOCATION_PROVIDER("locationProvider");

    private final String value;

    SettingsSection(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }
}
