package dev.openpsi.zoomsync.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import dev.openpsi.events.EventType;
import dev.openpsi.events.EventTypes;
import dev.openpsi.events.payload.provisioning.ZoomUserUpdated;
import dev.openpsi.messaging.EventHandler;
import dev.openpsi.messaging.InboundEvent;
import dev.openpsi.zoomsync.service.PsiDirectory;
import io.smallrye.mutiny.Uni;

/**
 * A Zoom user changed on the PBX side (names, number, SBC configuration, or its subscriber's SIP
 * password): its SIP phones in Zoom are updated by the provisioning worker.
 */
@ApplicationScoped
public class ZoomUserUpdatedHandler implements EventHandler<ZoomUserUpdated> {

    private final PsiDirectory directory;

    public ZoomUserUpdatedHandler(PsiDirectory directory) {
        this.directory = directory;
    }

    @Override
    public EventType<ZoomUserUpdated> eventType() {
        return EventTypes.ZOOM_USER_UPDATED;
    }

    @Override
    public Uni<Void> handle(Mutiny.Session session, InboundEvent<ZoomUserUpdated> event) {
        ZoomUserUpdated p = event.payload();
        return directory.link(session, event.context(), new PsiDirectory.Link(p.account(), p.email(), p.firstName(),
                p.lastName(), p.dn(), p.sbcConfigurationId(), p.voicemailCallbackNumber(), p.sipAccount()), true);
    }
}
