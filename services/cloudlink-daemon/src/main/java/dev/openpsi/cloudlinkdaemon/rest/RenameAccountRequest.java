package dev.openpsi.cloudlinkdaemon.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.openpsi.cloudlinkdaemon.Account;

/** The new name of an account. */
public record RenameAccountRequest(
        @NotBlank @Size(max = Account.NAME_MAX_LENGTH)
        @Schema(example = "ACME Europe GmbH", maxLength = Account.NAME_MAX_LENGTH, required = true) String name) {
}
