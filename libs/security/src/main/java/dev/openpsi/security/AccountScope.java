package dev.openpsi.security;

import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The caller's account, from the {@code account} claim of the bearer token, and the one rule
 * every query follows: a caller sees its own account's data and nothing else (service accounts
 * act for every account). Another account's data is answered as 404 Not Found, exactly as data
 * that does not exist, so callers cannot probe which accounts or objects exist.
 */
@RequestScoped
public class AccountScope {

    private static final Pattern ACCOUNT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public AccountScope(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    /** The account claim of a user token; empty for service accounts. */
    public Optional<String> callerAccount() {
        Object claim = token.getClaim(Roles.ACCOUNT_CLAIM);
        if (claim == null) {
            return Optional.empty();
        }
        String account = claim.toString();
        return ACCOUNT_ID.matcher(account).matches() ? Optional.of(account) : Optional.empty();
    }

    public boolean isService() {
        return identity.hasRole(Roles.SERVICE);
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    /** Whether the caller may see {@code account}'s data. */
    public boolean canAccess(String account) {
        return isService() || callerAccount().map(own -> own.equals(account)).orElse(false);
    }

    /** Throws 404 unless the caller may see {@code account}'s data. */
    public void requireAccess(String account) {
        if (!canAccess(account)) {
            throw Problems.notFound();
        }
    }

    /**
     * The account a user's query is restricted to. A user token without an account claim cannot
     * read account data (403); service accounts must name the account explicitly.
     */
    public String requireCallerAccount() {
        return callerAccount().orElseThrow(() -> new ProblemException(Problem.of(403, "Forbidden",
                "the token carries no account claim")));
    }

    /**
     * The account a request acts on: the one it names (the {@code account} query parameter of the
     * collection endpoints) if the caller may see it - 404 otherwise - or, when it names none, the
     * caller's own account. Service accounts must name one.
     */
    public String targetAccount(String requested) {
        if (requested == null || requested.isBlank()) {
            return requireCallerAccount();
        }
        requireAccess(requested);
        return requested;
    }

    public String subject() {
        return token.getSubject();
    }
}
