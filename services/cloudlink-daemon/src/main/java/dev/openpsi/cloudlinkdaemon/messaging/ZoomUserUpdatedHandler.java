package dev.openpsi.cloudlinkdaemon.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import dev.openpsi.cloudlinkdaemon.service.CloudLinkDirectory;
import dev.openpsi.events.EventType;
import dev.openpsi.events.EventTypes;
import dev.openpsi.events.payload.provisioning.ZoomUserUpdated;
import dev.openpsi.messaging.EventHandler;
import dev.openpsi.messaging.InboundEvent;
import io.smallrye.mutiny.Uni;

/** A rename on the PBX side renames the CloudLink user (the PBX side is the source of truth). */
@ApplicationScoped
public class ZoomUserUpdatedHandler implements EventHandler<ZoomUserUpdated> {

    private final CloudLinkDirectory directory;

    public ZoomUserUpdatedHandler(CloudLinkDirectory directory) {
        this.directory = directory;
    }

    @Override
    public EventType<ZoomUserUpdated> eventType() {
        return EventTypes.ZOOM_USER_UPDATED;
    }

    @Override
    public Uni<Void> handle(Mutiny.Session session, InboundEvent<ZoomUserUpdated> event) {
        ZoomUserUpdated p = event.payload();
        return directory.link(session, event.context(), p.account(), p.email(), p.firstName(), p.lastName());
    }
}
