package dev.openpsi.zoomsync;

import io.vertx.mutiny.sqlclient.Row;

/**
 * A user linked for Zoom PSI and its status as the admin portal shows it (table psi_user):
 * "Pending SIP credential" until its SIP phones exist in Zoom, then "Idle"; "Failed" with a reason code.
 * The SIP password stays sealed (context {@link #passwordContext}).
 */
public record PsiUser(String account, String email, String firstName, String lastName, String dn,
        String sbcConfigurationId, String voicemailCallbackNumber, boolean linked, String status, String failureReason,
        String failureDetail, String zoomUserId, String desktopPhoneId, String mobilePhoneId, String sipPasswordSealed,
        String sipAuthorizationName, String sipDomain) {

    public static final String PENDING = "Pending SIP credential";
    public static final String IDLE = "Idle";
    public static final String FAILED = "Failed";

    public static final String COLUMNS = "account, email, first_name, last_name, dn, sbc_configuration_id, "
            + "voicemail_callback_number, linked, status, failure_reason, failure_detail, zoom_user_id, desktop_phone_id, "
            + "mobile_phone_id, sip_password_sealed, sip_authorization_name, sip_domain";

    public static PsiUser from(Row r) {
        return new PsiUser(r.getString("account"), r.getString("email"), r.getString("first_name"), r.getString("last_name"),
                r.getString("dn"), r.getString("sbc_configuration_id"), r.getString("voicemail_callback_number"),
                r.getBoolean("linked"), r.getString("status"), r.getString("failure_reason"), r.getString("failure_detail"),
                r.getString("zoom_user_id"), r.getString("desktop_phone_id"), r.getString("mobile_phone_id"),
                r.getString("sip_password_sealed"), r.getString("sip_authorization_name"), r.getString("sip_domain"));
    }

    public static String passwordContext(String account, String email) {
        return ZoomConnection.context(account, "psi-user/" + email + "/sip-password");
    }

    /** The SIP user name: the DN without its '+'. */
    public String sipUserName() {
        return dn == null ? null : dn.startsWith("+") ? dn.substring(1) : dn;
    }
}
