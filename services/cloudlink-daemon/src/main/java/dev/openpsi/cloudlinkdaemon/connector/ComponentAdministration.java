package dev.openpsi.cloudlinkdaemon.connector;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.openpsi.cloudlinkdaemon.service.AccountAccess;
import dev.openpsi.events.EventTypes;
import dev.openpsi.events.payload.platform.ComponentStatus;
import dev.openpsi.events.payload.platform.ComponentStatusChanged;
import dev.openpsi.messaging.EventContext;
import dev.openpsi.messaging.Outbox;
import dev.openpsi.security.Problems;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** What the admin console does with an account's components: list, read, enable the container, unlink. */
@ApplicationScoped
public class ComponentAdministration {

    private static final Logger LOG = Logger.getLogger(ComponentAdministration.class);

    private final AccountAccess access;
    private final ComponentRepository components;
    private final ComponentStatusChanges changes;
    private final ComponentViews views;
    private final NodesJson nodes;
    private final Outbox outbox;
    private final ObjectMapper json;

    public ComponentAdministration(AccountAccess access, ComponentRepository components, ComponentStatusChanges changes,
            ComponentViews views, NodesJson nodes, Outbox outbox, ObjectMapper json) {
        this.access = access;
        this.components = components;
        this.changes = changes;
        this.views = views;
        this.nodes = nodes;
        this.outbox = outbox;
        this.json = json;
    }

    @WithSession
    public Uni<ComponentPage> list(AccountAccess.Caller caller, String account, String cursor, int limit) {
        ComponentCursor after = ComponentCursor.decode(cursor);
        Instant now = Instant.now();
        return access.findVisible(caller, account)
                .chain(a -> Panache.getSession())
                .chain(session -> components.page(session, account, after, limit + 1))
                .map(found -> {
                    List<LinkedComponent> page = found.size() > limit ? found.subList(0, limit) : found;
                    String next = null;
                    if (found.size() > limit) {
                        LinkedComponent last = page.get(page.size() - 1);
                        next = new ComponentCursor(last.name, last.id).encode();
                    }
                    return new ComponentPage(page.stream().map(c -> views.of(c, now)).toList(), next);
                });
    }

    @WithSession
    public Uni<ComponentView> get(AccountAccess.Caller caller, String account, UUID id) {
        return access.findVisible(caller, account)
                .chain(a -> Panache.getSession())
                .chain(session -> existing(session, account, id))
                .map(c -> views.of(c, Instant.now()));
    }

    /** The latest inventory document; 404 also while none arrived. */
    @WithSession
    public Uni<JsonNode> inventory(AccountAccess.Caller caller, String account, UUID id) {
        return access.findVisible(caller, account)
                .chain(a -> Panache.getSession())
                .chain(session -> existing(session, account, id).chain(c -> components.inventory(session, c.id)))
                .map(text -> {
                    if (text == null) {
                        throw Problems.notFound();
                    }
                    try {
                        return json.readTree(text);
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("stored inventory is not JSON", e);
                    }
                });
    }

    /** Allowed only where {@link ComponentStatusRules#enableContainer} allows it; 409 with the reason otherwise. */
    @WithTransaction
    public Uni<ComponentView> enableContainer(AccountAccess.Caller caller, String account, UUID id) {
        return access.findManageable(caller, account)
                .chain(a -> Panache.getSession())
                .chain(session -> existing(session, account, id).chain(c -> {
                    ComponentStatusRules.State before = nodes.state(c);
                    ComponentStatusRules.Decision decision = ComponentStatusRules.enableContainer(before, c.type.hasContainer());
                    if (decision.refused().isPresent()) {
                        throw Problems.conflict("container-not-enableable",
                                "cannot enable the container: " + decision.refused().get());
                    }
                    return changes.apply(session, c, before.eventStatus(), decision.state(), "container enabled")
                            .call(session::flush);
                }))
                .map(c -> views.of(c, Instant.now()));
    }

    /** Unlinks: the component and its credential are gone, its identity may be linked again. */
    @WithTransaction
    public Uni<Void> unlink(AccountAccess.Caller caller, String account, UUID id) {
        return access.findManageable(caller, account)
                .chain(a -> Panache.getSession())
                .chain(session -> existing(session, account, id).chain(c -> session.remove(c)
                        .chain(v -> outbox.append(session, EventContext.root(account), EventTypes.COMPONENT_STATUS_CHANGED,
                                new ComponentStatusChanged(account, c.id.toString(), c.type.eventType(),
                                        ComponentStatus.DISCONNECTED, "unlinked by an administrator")))
                        .invoke(e -> LOG.infof("component %s of account %s unlinked", c.id, account))))
                .replaceWithVoid();
    }

    private Uni<LinkedComponent> existing(Mutiny.Session session, String account, UUID id) {
        return components.findInAccount(session, account, id).map(c -> {
            if (c == null) {
                throw Problems.notFound();
            }
            return c;
        });
    }
}
