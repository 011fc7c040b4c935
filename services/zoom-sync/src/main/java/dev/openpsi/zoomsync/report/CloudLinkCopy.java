package dev.openpsi.zoomsync.report;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import dev.openpsi.events.EventType;
import dev.openpsi.events.EventTypes;
import dev.openpsi.events.payload.provisioning.CloudLinkUserCreated;
import dev.openpsi.events.payload.provisioning.CloudLinkUserRemoved;
import dev.openpsi.events.payload.provisioning.LicenseAssigned;
import dev.openpsi.events.payload.provisioning.LicenseRevoked;
import dev.openpsi.messaging.EventHandler;
import dev.openpsi.messaging.InboundEvent;
import io.smallrye.mutiny.Uni;

/**
 * This service's copy of the CloudLink user DB and licence DB, the report's first two sources,
 * kept from cloudlink-daemon's events (no service reads another's tables). Every statement is an
 * upsert or a delete, so it is right however often an event arrives.
 */
final class CloudLinkCopy {

    private CloudLinkCopy() {
    }

    static Uni<Void> run(Mutiny.Session session, String sql, Object... parameters) {
        var query = session.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return query.executeUpdate().replaceWithVoid();
    }

    @ApplicationScoped
    static class UserCreated implements EventHandler<CloudLinkUserCreated> {
        @Override
        public EventType<CloudLinkUserCreated> eventType() {
            return EventTypes.CLOUDLINK_USER_CREATED;
        }

        @Override
        public Uni<Void> handle(Mutiny.Session session, InboundEvent<CloudLinkUserCreated> event) {
            CloudLinkUserCreated p = event.payload();
            return run(session, """
                    insert into cl_user (account, email, cl_user_id, first_name, last_name) values (?1, ?2, ?3, ?4, ?5)
                    on conflict (account, email) do update set cl_user_id = excluded.cl_user_id,
                        first_name = excluded.first_name, last_name = excluded.last_name""",
                    p.account(), p.email(), p.clUserId(), p.firstName(), p.lastName());
        }
    }

    @ApplicationScoped
    static class UserRemoved implements EventHandler<CloudLinkUserRemoved> {
        @Override
        public EventType<CloudLinkUserRemoved> eventType() {
            return EventTypes.CLOUDLINK_USER_REMOVED;
        }

        @Override
        public Uni<Void> handle(Mutiny.Session session, InboundEvent<CloudLinkUserRemoved> event) {
            CloudLinkUserRemoved p = event.payload();
            return run(session, "delete from cl_user where account = ?1 and email = ?2", p.account(), p.email());
        }
    }

    @ApplicationScoped
    static class LicenseGiven implements EventHandler<LicenseAssigned> {
        @Override
        public EventType<LicenseAssigned> eventType() {
            return EventTypes.LICENSE_ASSIGNED;
        }

        @Override
        public Uni<Void> handle(Mutiny.Session session, InboundEvent<LicenseAssigned> event) {
            LicenseAssigned p = event.payload();
            return run(session, "insert into cl_license (account, email, license) values (?1, ?2, ?3) on conflict do nothing",
                    p.account(), p.email(), p.license());
        }
    }

    @ApplicationScoped
    static class LicenseTaken implements EventHandler<LicenseRevoked> {
        @Override
        public EventType<LicenseRevoked> eventType() {
            return EventTypes.LICENSE_REVOKED;
        }

        @Override
        public Uni<Void> handle(Mutiny.Session session, InboundEvent<LicenseRevoked> event) {
            LicenseRevoked p = event.payload();
            return run(session, "delete from cl_license where account = ?1 and email = ?2 and license = ?3",
                    p.account(), p.email(), p.license());
        }
    }
}
