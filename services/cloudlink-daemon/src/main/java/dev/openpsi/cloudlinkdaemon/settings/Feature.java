package dev.openpsi.cloudlinkdaemon.settings;

import java.util.Arrays;
import java.util.Optional;

/**
 * The six features whose dialing access codes an account holds (DOMAIN.md "CloudLink connector":
 * Call Forward, Disable Call Forward, Do not Disturb, Disable DND, Enable Call Forward, Enable DND).
 */
public enum Feature {
    CALL_FORWARD("callForward"),
    DISABLE_CALL_FORWARD("disableCallForward"),
    DO_NOT_DISTURB("doNotDisturb"),
    DISABLE_DND("disableDnd"),
    ENABLE_CALL_FORWARD("enableCallForward"),
    ENABLE_DND("enableDnd");

    private final String key;

    Feature(String key) {
        this.key = key;
    }

    /** The member name in the API's {@code featureCodes} object. */
    public String key() {
        return key;
    }

    public static Optional<Feature> byKey(String key) {
        return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
    }
}
