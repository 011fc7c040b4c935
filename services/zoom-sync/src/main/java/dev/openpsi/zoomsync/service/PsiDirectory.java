package dev.openpsi.zoomsync.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import dev.openpsi.events.HandlerRejectedException;
import dev.openpsi.events.payload.provisioning.SipAccount;
import dev.openpsi.events.payload.registration.ConfigurationChange;
import dev.openpsi.events.payload.registration.SbcConfigurationChanged;
import dev.openpsi.messaging.EventContext;
import dev.openpsi.security.Problems;
import dev.openpsi.security.SecretCipher;
import dev.openpsi.security.SecretUnreadableException;
import dev.openpsi.security.TransitCiphers;
import dev.openpsi.zoomsync.PsiUser;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The PSI users of each account as the PBX side links them, and the work they need in Zoom. The
 * consumer side ({@code messaging/}) writes the user's state and a provisioning job in the
 * consumer's transaction; {@link ProvisioningWorker} does the Zoom calls afterwards, outside it.
 *
 * <p>SIP credentials arrive with ZoomUserLinked / ZoomUserUpdated: the password sealed for zoom-sync
 * under the transit key ring it shares with osv-adapter, bound to the user's account and email. It is
 * opened here and stored sealed again under zoom-sync's at-rest key; a blob that does not open (moved
 * from another user, tampered with, unknown key) is refused to the DLQ. {@code PUT
 * /api/v1/zoom/users/{email}/sip-credentials} stays as a manual override. A linked user without
 * credentials stays "Pending SIP credential" until they arrive, and their arrival queues the job.
 */
@ApplicationScoped
public class PsiDirectory {

    private static final String ENQUEUE_IF_READY = """
            insert into provisioning_job (account, email, action, traceparent)
            select account, email, 'provision', cast(:traceparent as text) from psi_user
             where account = :account and email = :email and linked and sip_password_sealed is not null""";

    private final Pool pool;
    private final SecretCipher cipher;
    private final SecretCipher transit;

    public PsiDirectory(Pool pool, SecretCipher cipher, TransitCiphers transit) {
        this.pool = pool;
        this.cipher = cipher;
        this.transit = transit.forRecipient(SipAccount.RECIPIENT);
    }

    /** What ZoomUserLinked / ZoomUserUpdated say about a user. */
    public record Link(String account, String email, String firstName, String lastName, String dn,
            String sbcConfigurationId, String voicemailCallbackNumber, SipAccount sipAccount) {
    }

    /**
     * ZoomUserLinked / ZoomUserUpdated: the user's PBX-side state and, when the event carries it, its
     * SIP account (replacing what was stored, also a manual override); status Pending SIP credential
     * until Zoom has its phones.
     *
     * @throws HandlerRejectedException if the sealed password does not open for this user
     */
    public Uni<Void> link(Mutiny.Session session, EventContext context, Link link, boolean update) {
        return Uni.createFrom().item(() -> link.sipAccount() == null ? null : sealAtRest(link))
                .chain(sealedAtRest -> session.createNativeQuery("""
                        insert into psi_user (account, email, first_name, last_name, dn, sbc_configuration_id,
                                              voicemail_callback_number, linked, status, sip_password_sealed,
                                              sip_authorization_name, sip_domain, updated_at)
                        values (:account, :email, :first, :last, :dn, :sbc, :vm, true, 'Pending SIP credential',
                                cast(:sealed as text), cast(:authorization as text), cast(:domain as text), now())
                        on conflict (account, email) do update set first_name = excluded.first_name,
                               last_name = excluded.last_name, dn = excluded.dn,
                               sbc_configuration_id = excluded.sbc_configuration_id,
                               voicemail_callback_number = excluded.voicemail_callback_number, linked = true,
                               status = case when :update and psi_user.status = 'Idle' then 'Idle'
                                             else 'Pending SIP credential' end,
                               sip_password_sealed = coalesce(excluded.sip_password_sealed, psi_user.sip_password_sealed),
                               sip_authorization_name = case when excluded.sip_password_sealed is null
                                   then psi_user.sip_authorization_name else excluded.sip_authorization_name end,
                               sip_domain = case when excluded.sip_password_sealed is null
                                   then psi_user.sip_domain else excluded.sip_domain end,
                               failure_reason = null, failure_detail = null, updated_at = now()""")
                .setParameter("account", link.account()).setParameter("email", link.email())
                .setParameter("first", link.firstName()).setParameter("last", link.lastName())
                .setParameter("dn", link.dn()).setParameter("sbc", link.sbcConfigurationId())
                .setParameter("vm", link.voicemailCallbackNumber()).setParameter("update", update)
                .setParameter("sealed", sealedAtRest)
                .setParameter("authorization", link.sipAccount() == null ? null : link.sipAccount().userName())
                .setParameter("domain", link.sipAccount() == null ? null : link.sipAccount().realm())
                .executeUpdate())
                .chain(() -> enqueue(session, context, link.account(), link.email()));
    }

    /** Opens the password sealed for zoom-sync (bound to this user) and seals it under the at-rest key. */
    private String sealAtRest(Link link) {
        String password;
        try {
            password = transit.open(link.sipAccount().sealedPassword(),
                    SipAccount.sealingContext(link.account(), link.email()));
        } catch (SecretUnreadableException e) {
            throw new HandlerRejectedException(SipAccount.FIELD + " of " + link.email() + " in account " + link.account()
                    + " does not open: " + e.getMessage() + "; it was sealed for another user or tampered with");
        }
        return cipher.seal(password, PsiUser.passwordContext(link.account(), link.email()));
    }

    /** ZoomUserRemoved: the user goes, and a job deletes both of its SIP phones in Zoom. */
    public Uni<Void> remove(Mutiny.Session session, EventContext context, String account, String email) {
        return session.createNativeQuery("""
                        delete from provisioning_job where account = :account and email = :email and action = 'provision'
                           and (locked_until is null or locked_until < now())""")
                .setParameter("account", account).setParameter("email", email).executeUpdate()
                .chain(() -> session.createNativeQuery("""
                                insert into provisioning_job (account, email, action, desktop_phone_id, mobile_phone_id, traceparent)
                                select :account, :email, 'remove', u.desktop_phone_id, u.mobile_phone_id, cast(:traceparent as text)
                                  from (select 1) one
                                  left join psi_user u on u.account = :account and u.email = :email""")
                        .setParameter("account", account).setParameter("email", email)
                        .setParameter("traceparent", traceparent(context)).executeUpdate())
                .chain(() -> session.createNativeQuery("delete from psi_user where account = :account and email = :email")
                        .setParameter("account", account).setParameter("email", email).executeUpdate())
                .replaceWithVoid();
    }

    /** SbcConfigurationChanged: where the clients register; users on a changed configuration are provisioned again. */
    public Uni<Void> sbcConfiguration(Mutiny.Session session, SbcConfigurationChanged c) {
        if (c.change() == ConfigurationChange.DELETED) {
            return session.createNativeQuery("delete from sbc_configuration where account = :account and id = :id")
                    .setParameter("account", c.account()).setParameter("id", c.sbcConfigurationId()).executeUpdate()
                    .replaceWithVoid();
        }
        return session.createNativeQuery("""
                        insert into sbc_configuration (account, id, name, host, port, protocol)
                        values (:account, :id, :name, :host, :port, :protocol)
                        on conflict (account, id) do update set name = excluded.name, host = excluded.host,
                               port = excluded.port, protocol = excluded.protocol""")
                .setParameter("account", c.account()).setParameter("id", c.sbcConfigurationId())
                .setParameter("name", c.name()).setParameter("host", c.host()).setParameter("port", c.port())
                .setParameter("protocol", c.protocol().name())
                .executeUpdate()
                .chain(() -> session.createNativeQuery("""
                                insert into provisioning_job (account, email, action)
                                select u.account, u.email, 'provision' from psi_user u
                                 where u.account = :account and u.sbc_configuration_id = :id and u.linked
                                   and u.sip_password_sealed is not null
                                   and not exists (select 1 from provisioning_job j where j.account = u.account
                                                    and j.email = u.email and j.action = 'provision')""")
                        .setParameter("account", c.account()).setParameter("id", c.sbcConfigurationId()).executeUpdate())
                .replaceWithVoid();
    }

    /**
     * The SIP digest credentials of one user (write-only), the manual override of what the provisioning
     * events carry; queues provisioning when the user is linked.
     */
    public Uni<PsiUser> storeCredentials(String account, String email, String password, String authorizationName,
            String domain) {
        String sealed = cipher.seal(password, PsiUser.passwordContext(account, email));
        return pool.withTransaction(conn -> conn.preparedQuery("""
                        insert into psi_user (account, email, status, sip_password_sealed, sip_authorization_name, sip_domain, updated_at)
                        values ($1, $2, 'Pending SIP credential', $3, $4, $5, now())
                        on conflict (account, email) do update set sip_password_sealed = excluded.sip_password_sealed,
                               sip_authorization_name = excluded.sip_authorization_name, sip_domain = excluded.sip_domain,
                               updated_at = now()
                        returning %s""".formatted(PsiUser.COLUMNS))
                .execute(Tuple.of(account, email, sealed, authorizationName, domain))
                .map(rows -> PsiUser.from(rows.iterator().next()))
                .call(user -> !user.linked() ? Uni.createFrom().voidItem()
                        : conn.preparedQuery("insert into provisioning_job (account, email, action) values ($1, $2, 'provision')")
                                .execute(Tuple.of(account, email)).replaceWithVoid()));
    }

    public Uni<PsiUser> find(String account, String email) {
        return pool.preparedQuery("select " + PsiUser.COLUMNS + " from psi_user where account = $1 and email = $2")
                .execute(Tuple.of(account, email))
                .map(rows -> rows.size() == 0 ? null : PsiUser.from(rows.iterator().next()));
    }

    public Uni<PsiUser> require(String account, String email) {
        return find(account, email).map(u -> {
            if (u == null) {
                throw Problems.notFound();
            }
            return u;
        });
    }

    private Uni<Void> enqueue(Mutiny.Session session, EventContext context, String account, String email) {
        return session.createNativeQuery(ENQUEUE_IF_READY).setParameter("account", account).setParameter("email", email)
                .setParameter("traceparent", traceparent(context)).executeUpdate().replaceWithVoid();
    }

    /** The trace the worker's events continue (the consumed event's), or null for a new one. */
    private static String traceparent(EventContext context) {
        return context.parent() == null ? null : context.parent().value();
    }
}
