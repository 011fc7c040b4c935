package dev.openpsi.cloudlinkdaemon.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;

import org.hibernate.StaleStateException;

import dev.openpsi.cloudlinkdaemon.Account;
import dev.openpsi.cloudlinkdaemon.repository.AccountRepository;
import dev.openpsi.cloudlinkdaemon.service.AccountAccess.Caller;
import dev.openpsi.security.ProblemException;
import dev.openpsi.security.Problems;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/** Partners create customer accounts; admins and partners rename accounts and switch integrations. */
@ApplicationScoped
public class AccountService {

    static final String INTEGRATIONS_ON_PARTNER = "integrations cannot be enabled on a partner account";
    private static final String UNIQUE_VIOLATION = "23505";

    private final AccountRepository accounts;
    private final AccountAccess access;

    public AccountService(AccountRepository accounts, AccountAccess access) {
        this.accounts = accounts;
        this.access = access;
    }

    /** A page of the accounts {@code caller} may see, after {@code after} (null: from the start). */
    @WithSession
    public Uni<AccountListing> list(Caller caller, String after, int limit) {
        return access.visiblePage(caller, after == null ? "" : after, limit + 1).map(page -> page.size() > limit
                ? new AccountListing(page.subList(0, limit), page.get(limit - 1).id)
                : new AccountListing(page, null));
    }

    @WithSession
    public Uni<Account> get(Caller caller, String id) {
        return access.findVisible(caller, id);
    }

    /** A new customer account whose parent is the caller's (partner) account. */
    @WithTransaction
    public Uni<Account> createCustomer(Caller caller, String id, String name) {
        Uni<Account> partner = caller.account() == null ? Uni.createFrom().nullItem() : accounts.findById(caller.account());
        return partner
                .map(own -> {
                    if (own == null || !own.isPartner()) {
                        throw Problems.unprocessable("not-a-partner",
                                "only a partner account can create customer accounts", null, null);
                    }
                    return own;
                })
                .chain(own -> accounts.findById(id).chain(existing -> existing != null
                        ? Uni.createFrom().failure(accountExists(id))
                        : accounts.persistAndFlush(Account.customer(id, name.strip(), own.id, now()))))
                .onFailure(AccountService::isUniqueViolation).transform(e -> accountExists(id));
    }

    @WithTransaction
    public Uni<Account> rename(Caller caller, String id, String name) {
        return access.findManageable(caller, id)
                .invoke(account -> account.rename(name.strip(), now()))
                .call(account -> accounts.flush())
                .onFailure(AccountService::isConcurrentUpdate).transform(e -> concurrentUpdate(id));
    }

    @WithTransaction
    public Uni<Account> integrations(Caller caller, String id, boolean enabled) {
        return access.findManageable(caller, id)
                .invoke(account -> {
                    if (enabled && account.isPartner()) {
                        throw Problems.unprocessable("integrations-on-partner-account", INTEGRATIONS_ON_PARTNER,
                                "enabled", "must be false for a partner account");
                    }
                    account.integrations(enabled, now());
                })
                .call(account -> accounts.flush())
                .onFailure(AccountService::isConcurrentUpdate).transform(e -> concurrentUpdate(id));
    }

    /** Timestamps as PostgreSQL stores them (microseconds), so an answer equals a later read. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static ProblemException accountExists(String id) {
        return Problems.conflict("account-exists", "an account with id '" + id + "' already exists");
    }

    private static ProblemException concurrentUpdate(String id) {
        return Problems.conflict("concurrent-update", "account '" + id + "' was changed at the same time; read it and retry");
    }

    /** A concurrent insert of the same id won the race. */
    private static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
                    || t instanceof org.hibernate.exception.ConstraintViolationException cv
                            && UNIQUE_VIOLATION.equals(cv.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** The version check of the update failed: another transaction changed the account first. */
    private static boolean isConcurrentUpdate(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StaleStateException || t instanceof OptimisticLockException) {
                return true;
            }
        }
        return false;
    }
}
