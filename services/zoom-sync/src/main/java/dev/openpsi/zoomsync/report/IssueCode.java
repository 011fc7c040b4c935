package dev.openpsi.zoomsync.report;

/** The issue codes of the User Comparison Report, exactly as the vendor's report names them (DOMAIN.md). */
public enum IssueCode {
    CloudLinkUserNotFound,
    ZoomUserNotFound,
    ZoomSipPhoneNotFound,
    ZoomUserStatusInactive,
    ZoomUserStatusPending,
    /** The user holds no ZoomPSI licence in the licence DB: when found, no further checks run. */
    NoClZoomPsiLicense
}
