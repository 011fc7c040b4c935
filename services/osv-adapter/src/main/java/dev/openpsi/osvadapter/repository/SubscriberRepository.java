package dev.openpsi.osvadapter.repository;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.openpsi.osvadapter.Subscriber;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Subscribers by account and DN; pages are keyset pages ordered by DN (DNs compare byte-wise, see V2__subscribers.sql). */
@ApplicationScoped
public class SubscriberRepository implements PanacheRepositoryBase<Subscriber, Subscriber.Key> {

    public Uni<Subscriber> find(String account, String dn) {
        return findById(new Subscriber.Key(account, dn));
    }

    /** Up to {@code size} subscribers of {@code account} with a DN after {@code after} (empty string: from the start). */
    public Uni<List<Subscriber>> page(String account, String after, int size) {
        return find("account = :account and dn > :after", Sort.by("dn"), Map.of("account", account, "after", after))
                .page(Page.ofSize(size)).list();
    }

    /**
     * Like {@link #page} restricted to Zoom-flagged subscribers whose DN matches {@code likePattern}
     * (SQL LIKE; the caller builds it from digits, '+' and '%' only).
     */
    public Uni<List<Subscriber>> zoomPage(String account, String likePattern, String after, int size) {
        return find("account = :account and zoomUser = true and dn like :pattern and dn > :after", Sort.by("dn"),
                Map.of("account", account, "pattern", likePattern, "after", after))
                .page(Page.ofSize(size)).list();
    }
}
