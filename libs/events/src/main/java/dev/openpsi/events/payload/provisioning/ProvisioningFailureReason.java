package dev.openpsi.events.payload.provisioning;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why provisioning a user failed; the JSON value is the code shown to administrators. */
public enum ProvisioningFailureReason {
    ZOOM_USER_NOT_FOUND("ZoomUserNotFound"),
    ZOOM_USER_STATUS_INACTIVE("ZoomUserStatusInactive"),
    ZOOM_USER_STATUS_PENDING("ZoomUserStatusPending"),
    ZOOM_API_ERROR("ZoomApiError"),
    OAUTH_FAILED("OAuthFailed"),
    RATE_LIMITED("RateLimited"),
    INVALID_SIP_CREDENTIALS("InvalidSipCredentials"),
    SBC_CONFIGURATION_MISSING("SbcConfigurationMissing");

    private final String code;

    ProvisioningFailureReason(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }
}
