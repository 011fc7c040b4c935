package dev.openpsi.osvadapter.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.openpsi.osvadapter.Subscriber;
import dev.openpsi.osvadapter.service.SipCredentials;
import dev.openpsi.security.Redactor;
import dev.openpsi.security.Secret;

/** SIP digest credentials of a subscriber; the password is write-only. */
@Schema(name = "SipCredentialsInput", description = "SIP digest credentials; the password is accepted but never shown again")
public record SipCredentialsRequest(
        @NotBlank @Size(max = Subscriber.SIP_FIELD_MAX_LENGTH)
        @Schema(example = "osv.acme.example", maxLength = Subscriber.SIP_FIELD_MAX_LENGTH, required = true) String realm,
        @NotBlank @Size(max = Subscriber.SIP_FIELD_MAX_LENGTH)
        @Schema(example = "4989700712345", maxLength = Subscriber.SIP_FIELD_MAX_LENGTH, required = true) String userName,
        @Secret @Size(max = Subscriber.SIP_FIELD_MAX_LENGTH) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
        @Schema(description = "write-only: stored encrypted, never returned, logged or published. "
                + "Required when the subscriber has no password yet; omit it on an update to keep the stored one.",
                maxLength = Subscriber.SIP_FIELD_MAX_LENGTH, writeOnly = true) String password) {

    SipCredentials toCredentials() {
        return new SipCredentials(realm.strip(), userName.strip(), password);
    }

    @Override
    public String toString() {
        return Redactor.toString(this);
    }
}
