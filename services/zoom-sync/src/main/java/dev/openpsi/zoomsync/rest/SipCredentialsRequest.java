package dev.openpsi.zoomsync.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.openpsi.security.Secret;

/**
 * The SIP digest credentials of one user's subscriber, from the PBX side (osv-adapter or an admin).
 * The password is write-only and sealed at rest; the authorization name defaults to the DN without
 * '+', the domain (realm) to the SBC host.
 */
@Schema(name = "SipCredentialsRequest")
public record SipCredentialsRequest(
        @Secret @NotBlank @Size(max = 128) @Schema(writeOnly = true) String password,
        @Size(min = 1, max = 64) String authorizationName,
        @Size(min = 1, max = 64) String domain) {
}
