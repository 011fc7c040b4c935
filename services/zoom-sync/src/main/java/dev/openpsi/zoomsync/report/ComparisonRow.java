package dev.openpsi.zoomsync.report;

import java.util.ArrayList;
import java.util.List;

/**
 * One email of the four sources joined: CloudLink user DB, licence DB, Zoom user list, Zoom phone
 * list. Any of the parts may be missing (null); that is what the issues say.
 */
public record ComparisonRow(
        String email,
        String clUserId,
        String clFirstName,
        String clLastName,
        List<String> licenses,
        String zoomUserId,
        String zoomUserStatus,
        String zoomFirstName,
        String zoomLastName,
        String desktopPhoneId,
        String desktopPhoneNumber,
        String mobilePhoneId,
        String mobilePhoneNumber) {

    static final String ZOOM_PSI = "ZoomPSI";

    /** The CloudLink name, else the Zoom name, else empty. */
    public String name() {
        if (clUserId != null) {
            return (clFirstName + " " + clLastName).trim();
        }
        if (zoomFirstName != null || zoomLastName != null) {
            return ((zoomFirstName == null ? "" : zoomFirstName) + " " + (zoomLastName == null ? "" : zoomLastName)).trim();
        }
        return "";
    }

    /**
     * The checks in the vendor's order: the CloudLink user, then the ZoomPSI licence - whose absence
     * ends the checks - then the Zoom user, its status and its SIP phones (a desktop and a mobile
     * instance per user).
     */
    public List<IssueCode> issues() {
        List<IssueCode> issues = new ArrayList<>();
        if (clUserId == null) {
            issues.add(IssueCode.CloudLinkUserNotFound);
        }
        if (licenses == null || !licenses.contains(ZOOM_PSI)) {
            issues.add(IssueCode.NoClZoomPsiLicense);
            return issues;
        }
        if (zoomUserStatus == null) {
            issues.add(IssueCode.ZoomUserNotFound);
        } else if ("inactive".equals(zoomUserStatus)) {
            issues.add(IssueCode.ZoomUserStatusInactive);
        } else if ("pending".equals(zoomUserStatus)) {
            issues.add(IssueCode.ZoomUserStatusPending);
        }
        if (desktopPhoneId == null || mobilePhoneId == null) {
            issues.add(IssueCode.ZoomSipPhoneNotFound);
        }
        return issues;
    }
}
