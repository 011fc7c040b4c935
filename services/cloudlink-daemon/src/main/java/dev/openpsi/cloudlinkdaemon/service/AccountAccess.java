package dev.openpsi.cloudlinkdaemon.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.openpsi.cloudlinkdaemon.Account;
import dev.openpsi.cloudlinkdaemon.repository.AccountRepository;
import dev.openpsi.security.AccountScope;
import dev.openpsi.security.Problem;
import dev.openpsi.security.ProblemException;
import dev.openpsi.security.Problems;
import dev.openpsi.security.Roles;
import io.smallrye.mutiny.Uni;

/**
 * The one place that decides which accounts a caller sees and manages: {@link AccountScope}'s rule
 * (own account; service accounts see every account) plus the partner rule (a partner also sees
 * and manages the customer accounts it created). An account the caller may not see is answered
 * as 404, exactly like one that does not exist.
 */
@ApplicationScoped
public class AccountAccess {

    private final AccountScope scope;
    private final AccountRepository accounts;

    public AccountAccess(AccountScope scope, AccountRepository accounts) {
        this.scope = scope;
        this.accounts = accounts;
    }

    /**
     * The caller, read from the token now. Call it on the request's thread (in the resource method):
     * later stages of a reactive pipeline use the returned value and need no request context.
     * A user token without an account claim is refused (403).
     */
    public Caller caller() {
        if (scope.isService()) {
            return new Caller(null, true, false, false);
        }
        return new Caller(scope.requireCallerAccount(), false, scope.hasRole(Roles.PARTNER),
                scope.hasRole(Roles.ACCOUNT_ADMIN));
    }

    /**
     * The caller of a read-only view across accounts (the journal): a platform operator, who
     * usually has no account claim, reads every account like a service account; everyone else as
     * {@link #caller()}. Call it on the request's thread.
     */
    public Caller reader() {
        if (scope.hasRole(Roles.PLATFORM_OPERATOR)) {
            return new Caller(null, true, false, false);
        }
        return caller();
    }

    /**
     * Who is asking.
     *
     * @param account      the caller's account; null for a service account
     * @param service      a service account (or, through {@link #reader()}, a platform operator): sees every account
     * @param partner      role {@code partner}: also sees and manages the customer accounts whose parent is {@code account}
     * @param accountAdmin role {@code account-admin}: manages {@code account}
     */
    public record Caller(String account, boolean service, boolean partner, boolean accountAdmin) {

        public boolean canSee(Account target) {
            return service || target.id.equals(account) || ownsCustomer(target);
        }

        public boolean canManage(Account target) {
            return accountAdmin && target.id.equals(account) || ownsCustomer(target);
        }

        private boolean ownsCustomer(Account target) {
            return partner && account != null && account.equals(target.parentId);
        }
    }

    /** The account, or 404 unless {@code caller} may see it. Needs a session. */
    public Uni<Account> findVisible(Caller caller, String id) {
        return accounts.findById(id).map(account -> {
            if (account == null || !caller.canSee(account)) {
                throw Problems.notFound();
            }
            return account;
        });
    }

    /** The account, or 404 unless {@code caller} may see it, or 403 if it may see but not change it. Needs a session. */
    public Uni<Account> findManageable(Caller caller, String id) {
        return findVisible(caller, id).map(account -> {
            if (!caller.canManage(account)) {
                throw new ProblemException(Problem.of(403, "Forbidden",
                        "only an account admin of the account or its partner may change it"));
            }
            return account;
        });
    }

    /** Up to {@code size} accounts {@code caller} may see, with ids after {@code after}, ordered by id. Needs a session. */
    public Uni<List<Account>> visiblePage(Caller caller, String after, int size) {
        if (caller.service()) {
            return accounts.pageOfAll(after, size);
        }
        return caller.partner() ? accounts.pageOfOneAndChildren(caller.account(), after, size)
                : accounts.pageOfOne(caller.account(), after, size);
    }
}
