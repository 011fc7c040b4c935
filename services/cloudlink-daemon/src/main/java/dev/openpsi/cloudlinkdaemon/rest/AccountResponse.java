package dev.openpsi.cloudlinkdaemon.rest;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.openpsi.cloudlinkdaemon.Account;
import dev.openpsi.cloudlinkdaemon.AccountType;

/** An account as the API shows it. */
@Schema(name = "Account", description = "A partner account or a customer account created by a partner")
public record AccountResponse(
        @Schema(description = "the account id; the 'account' claim of its users' tokens", example = "acme") String id,
        @Schema(example = "ACME GmbH") String name,
        AccountType type,
        @Schema(description = "the partner that created this customer account; absent for partners") String parentId,
        @Schema(description = "whether integrations are enabled (never on a partner account)") boolean integrationsEnabled,
        Instant createdAt,
        Instant updatedAt) {

    static AccountResponse of(Account account) {
        return new AccountResponse(account.id, account.name, account.type, account.parentId,
                account.integrationsEnabled, account.createdAt, account.updatedAt);
    }
}
