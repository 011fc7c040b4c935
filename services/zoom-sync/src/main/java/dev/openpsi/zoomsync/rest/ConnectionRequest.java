package dev.openpsi.zoomsync.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.openpsi.security.Secret;

/**
 * The Zoom OAuth app of an account. {@code clientSecret} is write-only (sealed at rest, never
 * returned, logged or put in events). {@code account_credentials}: Server-to-Server OAuth, needs
 * {@code zoomAccountId}; {@code authorization_code}: the code of the consent redirect and its
 * {@code redirectUri}.
 */
@Schema(name = "ZoomConnectionRequest")
public record ConnectionRequest(
        @NotBlank @Size(max = 200) String clientId,
        @Secret @NotBlank @Size(max = 500) @Schema(writeOnly = true) String clientSecret,
        @Size(max = 200) String zoomAccountId,
        @NotNull @Pattern(regexp = "account_credentials|authorization_code", message = "is account_credentials or authorization_code")
        @Schema(enumeration = {"account_credentials", "authorization_code"}) String grantType,
        @Size(max = 1000) String authorizationCode,
        @Size(max = 2000) String redirectUri) {
}
