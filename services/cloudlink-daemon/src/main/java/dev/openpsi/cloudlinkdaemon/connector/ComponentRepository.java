package dev.openpsi.cloudlinkdaemon.connector;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.LockMode;
import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;

/** Queries of link tokens and linked components; every method runs in the caller's session. */
@ApplicationScoped
public class ComponentRepository {

    /** The token with this hash, locked so that two exchanges of it cannot both succeed. */
    public Uni<LinkToken> lockTokenByHash(Mutiny.Session session, String tokenHash) {
        return session.createSelectionQuery("from LinkToken where tokenHash = :hash", LinkToken.class)
                .setParameter("hash", tokenHash)
                .setLockMode(LockMode.PESSIMISTIC_WRITE)
                .getSingleResultOrNull();
    }

    public Uni<LinkedComponent> findByIdentity(Mutiny.Session session, String identity) {
        return session.createSelectionQuery("from LinkedComponent where identity = :identity", LinkedComponent.class)
                .setParameter("identity", identity)
                .getSingleResultOrNull();
    }

    /** The component of {@code account}, or null (also when it belongs to another account). */
    public Uni<LinkedComponent> findInAccount(Mutiny.Session session, String account, UUID id) {
        return session.find(LinkedComponent.class, id)
                .map(c -> c != null && c.account.equals(account) ? c : null);
    }

    /** Up to {@code size} components of {@code account} after ({@code afterName}, {@code afterId}) by name, id. */
    public Uni<List<LinkedComponent>> page(Mutiny.Session session, String account, ComponentCursor after, int size) {
        return session.createSelectionQuery("""
                        from LinkedComponent where account = :account
                          and (name > :name or (name = :name and id > :id))
                        order by name, id""", LinkedComponent.class)
                .setParameter("account", account)
                .setParameter("name", after == null ? "" : after.name())
                .setParameter("id", after == null ? new UUID(Long.MIN_VALUE, Long.MIN_VALUE) : after.id())
                .setMaxResults(size)
                .getResultList();
    }

    /** Connected components whose last heartbeat is older than {@code before}, oldest first. */
    public Uni<List<LinkedComponent>> silentSince(Mutiny.Session session, Instant before, int limit) {
        return session.createSelectionQuery(
                        "from LinkedComponent where connected and lastHeartbeatAt < :before order by lastHeartbeatAt",
                        LinkedComponent.class)
                .setParameter("before", before)
                .setMaxResults(limit)
                .getResultList();
    }

    /**
     * Stores {@code document} (a JSON object) as the component's latest inventory. The parameter is
     * typed text first: bound straight to jsonb, the client would store the text as a JSON string.
     */
    public Uni<Integer> storeInventory(Mutiny.Session session, UUID id, String document, Instant receivedAt) {
        return session.createNativeQuery("update connector_component set inventory = cast(cast(:doc as text) as jsonb), "
                        + "last_inventory_at = :at where id = :id")
                .setParameter("doc", document)
                .setParameter("at", receivedAt)
                .setParameter("id", id)
                .executeUpdate();
    }

    /** The latest inventory document as JSON text, or null when none arrived yet. */
    public Uni<String> inventory(Mutiny.Session session, UUID id) {
        return session.createNativeQuery("select cast(inventory as text) from connector_component where id = :id", String.class)
                .setParameter("id", id)
                .getSingleResultOrNull();
    }
}
