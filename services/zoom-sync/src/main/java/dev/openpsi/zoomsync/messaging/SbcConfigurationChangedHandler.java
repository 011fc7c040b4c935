package dev.openpsi.zoomsync.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import dev.openpsi.events.EventType;
import dev.openpsi.events.EventTypes;
import dev.openpsi.events.payload.registration.SbcConfigurationChanged;
import dev.openpsi.messaging.EventHandler;
import dev.openpsi.messaging.InboundEvent;
import dev.openpsi.zoomsync.service.PsiDirectory;
import io.smallrye.mutiny.Uni;

/** Keeps the SBC access interfaces (host, port, protocol) the SIP phones register to; a change re-provisions its users. */
@ApplicationScoped
public class SbcConfigurationChangedHandler implements EventHandler<SbcConfigurationChanged> {

    private final PsiDirectory directory;

    public SbcConfigurationChangedHandler(PsiDirectory directory) {
        this.directory = directory;
    }

    @Override
    public EventType<SbcConfigurationChanged> eventType() {
        return EventTypes.SBC_CONFIGURATION_CHANGED;
    }

    @Override
    public Uni<Void> handle(Mutiny.Session session, InboundEvent<SbcConfigurationChanged> event) {
        return directory.sbcConfiguration(session, event.payload());
    }
}
