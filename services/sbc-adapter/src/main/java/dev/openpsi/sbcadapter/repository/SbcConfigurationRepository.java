package dev.openpsi.sbcadapter.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.openpsi.sbcadapter.SbcConfiguration;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;

/**
 * SBC configurations by id and by account. Names compare as the unique index of V1 does
 * ({@code lower(name)} in the database), which is also the order of an account's keyset pages.
 */
@ApplicationScoped
public class SbcConfigurationRepository implements PanacheRepositoryBase<SbcConfiguration, UUID> {

    /** Up to {@code size} of {@code account}'s configurations whose name sorts after {@code after} (empty string: from the start). */
    public Uni<List<SbcConfiguration>> pageOf(String account, String after, int size) {
        return find("from SbcConfiguration where account = ?1 and lower(name) > lower(?2) order by lower(name)",
                account, after)
                .page(Page.ofSize(size)).list();
    }

    /** Whether another configuration of {@code account} than {@code except} has {@code name}, whatever its case. */
    public Uni<Boolean> nameTaken(String account, String name, UUID except) {
        return count("account = ?1 and lower(name) = lower(?2) and id <> ?3", account, name, except)
                .map(count -> count > 0);
    }
}
