package dev.openpsi.osvadapter.repository;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.openpsi.osvadapter.ZoomUser;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Zoom users by account and email; pages are keyset pages ordered by email (byte-wise, see V3__zoom_users.sql). */
@ApplicationScoped
public class ZoomUserRepository implements PanacheRepositoryBase<ZoomUser, ZoomUser.Key> {

    public Uni<ZoomUser> find(String account, String email) {
        return findById(new ZoomUser.Key(account, email));
    }

    /** The Zoom user linked to {@code dn}, or null. */
    public Uni<ZoomUser> findByDn(String account, String dn) {
        return find("account = :account and dn = :dn", Map.of("account", account, "dn", dn)).firstResult();
    }

    /** Up to {@code size} Zoom users of {@code account} with an email after {@code after} (empty string: from the start). */
    public Uni<List<ZoomUser>> page(String account, String after, int size) {
        return find("account = :account and email > :after", Sort.by("email"), Map.of("account", account, "after", after))
                .page(Page.ofSize(size)).list();
    }
}
