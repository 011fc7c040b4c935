package dev.openpsi.cloudlinkdaemon.repository;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.openpsi.cloudlinkdaemon.Account;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Accounts by id; pages are keyset pages ordered by id (ids compare byte-wise, see V1__accounts.sql). */
@ApplicationScoped
public class AccountRepository implements PanacheRepositoryBase<Account, String> {

    /** Up to {@code size} accounts with an id after {@code after} (empty string: from the start). */
    public Uni<List<Account>> pageOfAll(String after, int size) {
        return find("id > :after", Sort.by("id"), Map.of("after", after))
                .page(Page.ofSize(size)).list();
    }

    /** Like {@link #pageOfAll} restricted to {@code accountId} itself. */
    public Uni<List<Account>> pageOfOne(String accountId, String after, int size) {
        return find("id > :after and id = :account", Sort.by("id"),
                Map.of("after", after, "account", accountId))
                .page(Page.ofSize(size)).list();
    }

    /** Like {@link #pageOfAll} restricted to {@code accountId} and the accounts whose parent it is. */
    public Uni<List<Account>> pageOfOneAndChildren(String accountId, String after, int size) {
        return find("id > :after and (id = :account or parentId = :account)", Sort.by("id"),
                Map.of("after", after, "account", accountId))
                .page(Page.ofSize(size)).list();
    }
}
