package dev.openpsi.zoomsync.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import dev.openpsi.events.EventType;
import dev.openpsi.events.EventTypes;
import dev.openpsi.events.payload.provisioning.ZoomUserRemoved;
import dev.openpsi.messaging.EventHandler;
import dev.openpsi.messaging.InboundEvent;
import dev.openpsi.zoomsync.service.PsiDirectory;
import io.smallrye.mutiny.Uni;

/** A Zoom user deleted on the PBX side: both its SIP phones are deleted in Zoom (the vendor forgets this). */
@ApplicationScoped
public class ZoomUserRemovedHandler implements EventHandler<ZoomUserRemoved> {

    private final PsiDirectory directory;

    public ZoomUserRemovedHandler(PsiDirectory directory) {
        this.directory = directory;
    }

    @Override
    public EventType<ZoomUserRemoved> eventType() {
        return EventTypes.ZOOM_USER_REMOVED;
    }

    @Override
    public Uni<Void> handle(Mutiny.Session session, InboundEvent<ZoomUserRemoved> event) {
        ZoomUserRemoved p = event.payload();
        return directory.remove(session, event.context(), p.account(), p.email());
    }
}
