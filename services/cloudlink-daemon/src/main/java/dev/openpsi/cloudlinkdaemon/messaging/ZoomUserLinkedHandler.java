package dev.openpsi.cloudlinkdaemon.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import dev.openpsi.cloudlinkdaemon.service.CloudLinkDirectory;
import dev.openpsi.events.EventType;
import dev.openpsi.events.EventTypes;
import dev.openpsi.events.payload.provisioning.ZoomUserLinked;
import dev.openpsi.messaging.EventHandler;
import dev.openpsi.messaging.InboundEvent;
import io.smallrye.mutiny.Uni;

/** A Zoom user added on the PBX side becomes a CloudLink user with the ZoomPSI licence. */
@ApplicationScoped
public class ZoomUserLinkedHandler implements EventHandler<ZoomUserLinked> {

    private final CloudLinkDirectory directory;

    public ZoomUserLinkedHandler(CloudLinkDirectory directory) {
        this.directory = directory;
    }

    @Override
    public EventType<ZoomUserLinked> eventType() {
        return EventTypes.ZOOM_USER_LINKED;
    }

    @Override
    public Uni<Void> handle(Mutiny.Session session, InboundEvent<ZoomUserLinked> event) {
        ZoomUserLinked p = event.payload();
        return directory.link(session, event.context(), p.account(), p.email(), p.firstName(), p.lastName());
    }
}
