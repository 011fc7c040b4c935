package dev.openpsi.sbcadapter.service;

import jakarta.enterprise.context.ApplicationScoped;

import dev.openpsi.sbcadapter.SbcConfiguration;
import dev.openpsi.security.AccountScope;

/**
 * The one place that decides whose SBC configurations a caller reaches: {@link AccountScope}'s rule
 * (own account; service accounts every account). A configuration the caller may not reach is
 * answered as 404, exactly like one that does not exist. Call these on the request's thread (in
 * the resource method): later stages of a reactive pipeline use the returned values.
 */
@ApplicationScoped
public class SbcConfigurationAccess {

    private final AccountScope scope;

    public SbcConfigurationAccess(AccountScope scope) {
        this.scope = scope;
    }

    /**
     * The account a collection request (create, list) acts on: the {@code account} query parameter
     * if the caller may see it (404 otherwise), else the caller's own; service accounts must name one.
     */
    public String targetAccount(String requested) {
        return scope.targetAccount(requested);
    }

    /**
     * Which configurations a request on one configuration may reach: those of the account it names
     * (resolved as {@link #targetAccount}), else the caller's own account's, or any for a service
     * account (the configuration's id says which account it belongs to).
     */
    public Reach reach(String requested) {
        if (requested != null && !requested.isBlank()) {
            return new Reach(scope.targetAccount(requested));
        }
        return scope.isService() ? Reach.EVERY_ACCOUNT : new Reach(scope.requireCallerAccount());
    }

    /**
     * The configurations a caller reaches.
     *
     * @param account the one account whose configurations are reached; null for every account
     */
    public record Reach(String account) {

        static final Reach EVERY_ACCOUNT = new Reach(null);

        public boolean includes(SbcConfiguration configuration) {
            return account == null || account.equals(configuration.account);
        }
    }
}
