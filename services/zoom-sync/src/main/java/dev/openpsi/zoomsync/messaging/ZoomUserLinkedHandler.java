package dev.openpsi.zoomsync.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import dev.openpsi.events.EventType;
import dev.openpsi.events.EventTypes;
import dev.openpsi.events.payload.provisioning.ZoomUserLinked;
import dev.openpsi.messaging.EventHandler;
import dev.openpsi.messaging.InboundEvent;
import dev.openpsi.zoomsync.service.PsiDirectory;
import io.smallrye.mutiny.Uni;

/**
 * A Zoom user linked on the PBX side becomes a PSI user (Pending SIP credential) with the SIP account
 * the event hands over (password sealed for zoom-sync); its SIP phones are created by the provisioning worker.
 */
@ApplicationScoped
public class ZoomUserLinkedHandler implements EventHandler<ZoomUserLinked> {

    private final PsiDirectory directory;

    public ZoomUserLinkedHandler(PsiDirectory directory) {
        this.directory = directory;
    }

    @Override
    public EventType<ZoomUserLinked> eventType() {
        return EventTypes.ZOOM_USER_LINKED;
    }

    @Override
    public Uni<Void> handle(Mutiny.Session session, InboundEvent<ZoomUserLinked> event) {
        ZoomUserLinked p = event.payload();
        return directory.link(session, event.context(), new PsiDirectory.Link(p.account(), p.email(), p.firstName(),
                p.lastName(), p.dn(), p.sbcConfigurationId(), p.voicemailCallbackNumber(), p.sipAccount()), false);
    }
}
