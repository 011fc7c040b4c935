package dev.openpsi.cloudlinkdaemon.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import dev.openpsi.cloudlinkdaemon.Account;
import dev.openpsi.cloudlinkdaemon.CloudLinkUser;
import dev.openpsi.cloudlinkdaemon.LicenseAssignment;
import dev.openpsi.events.EventTypes;
import dev.openpsi.events.HandlerRejectedException;
import dev.openpsi.events.payload.provisioning.CloudLinkUserCreated;
import dev.openpsi.events.payload.provisioning.CloudLinkUserRemoved;
import dev.openpsi.events.payload.provisioning.LicenseAssigned;
import dev.openpsi.events.payload.provisioning.LicenseRevoked;
import dev.openpsi.messaging.EventContext;
import dev.openpsi.messaging.Outbox;
import io.smallrye.mutiny.Uni;

/**
 * Keeps an account's CloudLink users and their ZoomPSI licence in step with the PBX side's Zoom
 * users: a linked Zoom user gets a CloudLink user and the licence, a renamed one its new name,
 * a deleted one loses both - so it stops consuming a PSI licence, which the vendor's product
 * forgets (DOMAIN.md). Every change and its event commit in the caller's transaction.
 */
@ApplicationScoped
public class CloudLinkDirectory {

    private final Outbox outbox;

    public CloudLinkDirectory(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Creates or renames the user and makes sure it holds the ZoomPSI licence. */
    public Uni<Void> link(Mutiny.Session session, EventContext context, String account, String email, String firstName,
            String lastName) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return session.find(Account.class, account)
                .invoke(found -> {
                    if (found == null) {
                        throw new HandlerRejectedException("account " + account + " does not exist in CloudLink");
                    }
                })
                .chain(() -> find(session, account, email))
                .chain(existing -> existing != null
                        ? Uni.createFrom().item(existing).invoke(u -> u.rename(firstName, lastName, now))
                        : create(session, context, CloudLinkUser.create(account, email, firstName, lastName, now)))
                .chain(user -> ensureLicense(session, context, user, LicenseAssigned.ZOOM_PSI, now));
    }

    /** Removes the user and its licences; nothing happens for a user that does not exist. */
    public Uni<Void> remove(Mutiny.Session session, EventContext context, String account, String email) {
        return find(session, account, email).chain(user -> user == null ? Uni.createFrom().voidItem()
                : licensesOf(session, user).chain(licenses -> revokeAll(session, context, user, licenses))
                        .chain(() -> session.remove(user))
                        .chain(() -> outbox.append(session, context, EventTypes.CLOUDLINK_USER_REMOVED,
                                new CloudLinkUserRemoved(account, email, user.id.toString())))
                        .replaceWithVoid());
    }

    public static Uni<CloudLinkUser> find(Mutiny.Session session, String account, String email) {
        return session.createSelectionQuery("from CloudLinkUser where account = :account and email = :email",
                        CloudLinkUser.class)
                .setParameter("account", account)
                .setParameter("email", email)
                .getSingleResultOrNull();
    }

    public static Uni<List<LicenseAssignment>> licensesOf(Mutiny.Session session, CloudLinkUser user) {
        return session.createSelectionQuery("from LicenseAssignment where userId = :user order by license",
                        LicenseAssignment.class)
                .setParameter("user", user.id)
                .getResultList();
    }

    private Uni<CloudLinkUser> create(Mutiny.Session session, EventContext context, CloudLinkUser user) {
        return session.persist(user)
                .chain(() -> outbox.append(session, context, EventTypes.CLOUDLINK_USER_CREATED,
                        new CloudLinkUserCreated(user.account, user.email, user.id.toString(), user.firstName, user.lastName)))
                .replaceWith(user);
    }

    private Uni<Void> ensureLicense(Mutiny.Session session, EventContext context, CloudLinkUser user, String license,
            Instant now) {
        return licensesOf(session, user).chain(held -> held.stream().anyMatch(l -> l.license.equals(license))
                ? Uni.createFrom().voidItem()
                : session.persist(LicenseAssignment.of(user.id, license, now))
                        .chain(() -> outbox.append(session, context, EventTypes.LICENSE_ASSIGNED,
                                new LicenseAssigned(user.account, user.email, license)))
                        .replaceWithVoid());
    }

    private Uni<Void> revokeAll(Mutiny.Session session, EventContext context, CloudLinkUser user,
            List<LicenseAssignment> licenses) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (LicenseAssignment license : licenses) {
            chain = chain.chain(() -> session.remove(license))
                    .chain(() -> outbox.append(session, context, EventTypes.LICENSE_REVOKED,
                            new LicenseRevoked(user.account, user.email, license.license)))
                    .replaceWithVoid();
        }
        return chain;
    }
}
