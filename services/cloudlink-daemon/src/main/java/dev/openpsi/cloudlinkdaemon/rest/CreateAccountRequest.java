package dev.openpsi.cloudlinkdaemon.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.openpsi.cloudlinkdaemon.Account;

/** A customer account a partner creates. */
@Schema(description = "A new customer account; its parent is the caller's partner account")
public record CreateAccountRequest(
        @NotNull @Pattern(regexp = Account.ID_PATTERN, message = "must be 2-63 lowercase letters, digits or hyphens, not starting with a hyphen")
        @Schema(description = "the new account id, used as the 'account' claim of its users", example = "initech",
                pattern = Account.ID_PATTERN, required = true) String id,
        @NotBlank @Size(max = Account.NAME_MAX_LENGTH)
        @Schema(example = "Initech Ltd", maxLength = Account.NAME_MAX_LENGTH, required = true) String name) {
}
