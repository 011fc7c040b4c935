package dev.openpsi.osvadapter.rest;

import java.net.URI;

import jakarta.ws.rs.core.UriBuilder;

/** Query parameter rules every collection of this API shares. */
final class ApiParameters {

    /** An account id as tokens carry it (AccountScope). */
    static final String ACCOUNT_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    static final String ACCOUNT_MESSAGE = "is not an account id";
    static final String ACCOUNT_DESCRIPTION = "the account to act on; defaults to the caller's own. "
            + "Service accounts must name one; another account's data does not exist for a user (404).";
    static final String LIMIT_DESCRIPTION = "page size, 1 to 200";
    static final String AFTER_DESCRIPTION = "the 'next' of the previous page";

    private ApiParameters() {
    }

    /**
     * The URL of one item of a collection ({@code template} with one {@code {id}}), the id
     * percent-encoded, keeping an explicitly requested account so the link works for the caller.
     */
    static URI link(String template, String id, String requestedAccount) {
        UriBuilder uri = UriBuilder.fromPath(template);
        if (requestedAccount != null && !requestedAccount.isBlank()) {
            uri.queryParam("account", requestedAccount);
        }
        return uri.build(id);
    }
}
