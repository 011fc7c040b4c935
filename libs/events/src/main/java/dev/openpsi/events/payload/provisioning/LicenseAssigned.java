package dev.openpsi.events.payload.provisioning;

import dev.openpsi.events.payload.EventPayload;

/**
 * A licence was assigned to a user.
 *
 * @param license the licence name, e.g. {@link #ZOOM_PSI}
 */
public record LicenseAssigned(String account, String email, String license) implements EventPayload {

    /** The licence a user needs for Zoom PSI; without it the comparison report flags NoClZoomPsiLicense. */
    public static final String ZOOM_PSI = "ZoomPSI";
}
