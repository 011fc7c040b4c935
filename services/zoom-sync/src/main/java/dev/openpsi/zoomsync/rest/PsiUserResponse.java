package dev.openpsi.zoomsync.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.openpsi.zoomsync.PsiUser;

/** A PSI user's status as the "Integrated users" tab shows it; the SIP password never appears. */
@Schema(name = "PsiUser")
public record PsiUserResponse(String account, String email, String firstName, String lastName, String dn,
        String sbcConfigurationId, boolean linked,
        @Schema(enumeration = {"Pending SIP credential", "Idle", "Failed"}) String status,
        String failureReason, String failureDetail, String zoomUserId, String desktopPhoneId, String mobilePhoneId,
        boolean sipCredentialsStored) {

    public static PsiUserResponse of(PsiUser u) {
        return new PsiUserResponse(u.account(), u.email(), u.firstName(), u.lastName(), u.dn(), u.sbcConfigurationId(),
                u.linked(), u.status(), u.failureReason(), u.failureDetail(), u.zoomUserId(), u.desktopPhoneId(),
                u.mobilePhoneId(), u.sipPasswordSealed() != null);
    }
}
