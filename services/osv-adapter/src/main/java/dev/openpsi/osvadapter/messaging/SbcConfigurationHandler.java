package dev.openpsi.osvadapter.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import dev.openpsi.events.EventType;
import dev.openpsi.events.EventTypes;
import dev.openpsi.events.payload.registration.SbcConfigurationChanged;
import dev.openpsi.messaging.EventHandler;
import dev.openpsi.messaging.InboundEvent;
import dev.openpsi.osvadapter.repository.SbcConfigurationRepository;
import io.smallrye.mutiny.Uni;

/**
 * Keeps the local copy of the SBC configurations that sbc-adapter publishes on
 * openpsi.registration.v1, so Zoom users are only linked to configurations that exist. An upsert
 * ordered by the event time: idempotent on its own, and an older event never overwrites a newer one.
 */
@ApplicationScoped
public class SbcConfigurationHandler implements EventHandler<SbcConfigurationChanged> {

    private static final Logger LOG = Logger.getLogger(SbcConfigurationHandler.class);

    private final SbcConfigurationRepository configurations;

    public SbcConfigurationHandler(SbcConfigurationRepository configurations) {
        this.configurations = configurations;
    }

    @Override
    public EventType<SbcConfigurationChanged> eventType() {
        return EventTypes.SBC_CONFIGURATION_CHANGED;
    }

    @Override
    public Uni<Void> handle(Mutiny.Session session, InboundEvent<SbcConfigurationChanged> event) {
        SbcConfigurationChanged change = event.payload();
        return configurations.apply(session, change, event.envelope().time())
                .invoke(rows -> LOG.debugf("SBC configuration %s/%s %s: %s", change.account(),
                        change.sbcConfigurationId(), change.change().value(),
                        rows == 0 ? "older than the stored state, ignored" : "stored"))
                .replaceWithVoid();
    }
}
