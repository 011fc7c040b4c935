package dev.openpsi.cloudlinkdaemon.connector;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import dev.openpsi.cloudlinkdaemon.config.Ticker;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Makes a component Disconnected when its heartbeats stop for {@code openpsi.connectors.heartbeat-timeout}:
 * a check on its own scheduler thread every {@code check-interval}. A heartbeat that races the
 * check wins by the optimistic lock (the check's batch rolls back and runs again next time).
 */
@ApplicationScoped
public class HeartbeatWatch {

    private static final Logger LOG = Logger.getLogger(HeartbeatWatch.class);
    private static final int BATCH = 100;

    private final Mutiny.SessionFactory sessions;
    private final ComponentRepository components;
    private final ComponentStatusChanges changes;
    private final NodesJson nodes;
    private final ConnectorConfig config;
    private Ticker ticker;

    public HeartbeatWatch(Mutiny.SessionFactory sessions, ComponentRepository components, ComponentStatusChanges changes,
            NodesJson nodes, ConnectorConfig config) {
        this.sessions = sessions;
        this.components = components;
        this.changes = changes;
        this.nodes = nodes;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        Duration every = Duration.ofMillis(Math.max(100, config.checkInterval().toMillis()));
        ticker = Ticker.start("openpsi-connector-heartbeats", every, every, this::checkQuietly);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (ticker != null) {
            ticker.close();
        }
    }

    /** Disconnects every component silent for longer than the timeout; returns how many. Blocks: not on an event loop. */
    public int disconnectSilent() {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> sessions.withTransaction((session, tx) -> {
                Instant now = ConnectorLinking.now();
                return components.silentSince(session, now.minus(config.heartbeatTimeout()), BATCH)
                        .chain(silent -> disconnect(session, silent));
            }));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private Uni<Integer> disconnect(Mutiny.Session session, List<LinkedComponent> silent) {
        if (silent.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return Multi.createFrom().iterable(silent)
                .onItem().transformToUniAndConcatenate(c -> {
                    ComponentStatusRules.State before = nodes.state(c);
                    return changes.apply(session, c, before.eventStatus(), ComponentStatusRules.timedOut(before), null);
                })
                .collect().asList()
                .call(session::flush)
                .map(List::size);
    }

    private void checkQuietly() {
        try {
            int disconnected = disconnectSilent();
            if (disconnected > 0) {
                LOG.infof("%d component(s) missed the heartbeat timeout of %s", disconnected, config.heartbeatTimeout());
            }
        } catch (RuntimeException e) {
            LOG.warnf("heartbeat check failed: %s (next in %s)", e.getMessage(), config.checkInterval());
        }
    }
}
