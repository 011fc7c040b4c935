package dev.openpsi.osvadapter.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import dev.openpsi.events.EventTypes;
import dev.openpsi.events.payload.telephony.DoNotDisturbChanged;
import dev.openpsi.events.payload.telephony.ForwardingChanged;
import dev.openpsi.events.payload.telephony.ForwardingType;
import dev.openpsi.messaging.Outbox;
import dev.openpsi.osvadapter.Forwarding;
import dev.openpsi.osvadapter.Subscriber;
import dev.openpsi.osvadapter.repository.SubscriberRepository;
import dev.openpsi.osvadapter.repository.ZoomUserRepository;
import dev.openpsi.security.Problem;
import dev.openpsi.security.ProblemException;
import dev.openpsi.security.Problems;
import dev.openpsi.security.SecretCipher;
import dev.openpsi.security.SecretUnreadableException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Subscribers of one account and their features. Switching Do Not Disturb or a call forwarding
 * publishes DoNotDisturbChanged / ForwardingChanged in the transaction of the change. SIP passwords
 * are sealed before they reach the entity and are never returned.
 */
@ApplicationScoped
public class SubscriberService {

    static final String PRIMARY_KEY = "subscriber_pkey";
    static final String LINKED_BY_ZOOM_USER = "zoom_user_subscriber_fk";

    private final SubscriberRepository subscribers;
    private final ZoomUserRepository zoomUsers;
    private final Outbox outbox;
    private final SecretCipher cipher;
    private final SipAccountHandOver sipAccounts;

    public SubscriberService(SubscriberRepository subscribers, ZoomUserRepository zoomUsers, Outbox outbox,
            SecretCipher cipher, SipAccountHandOver sipAccounts) {
        this.subscribers = subscribers;
        this.zoomUsers = zoomUsers;
        this.outbox = outbox;
        this.cipher = cipher;
        this.sipAccounts = sipAccounts;
    }

    /** A page of {@code account}'s subscribers ordered by DN, after {@code after} (null: from the start). */
    @WithSession
    public Uni<Listing<Subscriber>> list(String account, String after, int limit) {
        return subscribers.page(account, after == null ? "" : after, limit + 1)
                .map(rows -> Listing.of(rows, limit, s -> s.dn));
    }

    /**
     * The OSV numbers of {@code account} as the "add Zoom user" picker lists them: every subscriber
     * without a search, only Zoom-flagged ones matching {@code search} (see {@link NumberPattern}) with one.
     */
    @WithSession
    public Uni<Listing<Subscriber>> numbers(String account, String search, String after, int limit) {
        String from = after == null ? "" : after;
        Uni<List<Subscriber>> rows = search == null || search.isEmpty()
                ? subscribers.page(account, from, limit + 1)
                : subscribers.zoomPage(account, NumberPattern.toLike(search), from, limit + 1);
        return rows.map(page -> Listing.of(page, limit, s -> s.dn));
    }

    @WithSession
    public Uni<Subscriber> get(String account, String dn) {
        return findExisting(account, dn);
    }

    @WithTransaction
    public Uni<Subscriber> create(String account, String dn, SubscriberSettings settings) {
        if (settings.sipCredentials() != null && settings.sipCredentials().password() == null) {
            return Uni.createFrom().failure(Problems.invalid("sipCredentials.password", "must not be blank"));
        }
        return subscribers.find(account, dn)
                .chain(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().<Subscriber>failure(subscriberExists(dn));
                    }
                    Instant now = now();
                    Subscriber subscriber = Subscriber.create(account, dn, now);
                    List<PendingEvent<?>> events = apply(subscriber, settings, now);
                    return subscribers.persist(subscriber)
                            .call(() -> PendingEvent.appendAll(outbox, account, events))
                            .call(subscribers::flush)
                            .replaceWith(subscriber);
                })
                .onFailure(e -> DatabaseErrors.isUniqueViolation(e, PRIMARY_KEY)).transform(e -> subscriberExists(dn));
    }

    /**
     * Replaces the settings of a subscriber; a null password in {@code settings} keeps the stored one.
     * A change of its SIP credentials reaches the Zoom user linked to it: ZoomUserUpdated with the new
     * SIP account (password sealed for zoom-sync), so Zoom's SIP phones get the new password.
     */
    @WithTransaction
    public Uni<Subscriber> update(String account, String dn, SubscriberSettings settings) {
        return findExisting(account, dn)
                .call(subscriber -> {
                    if (settings.sipCredentials() != null && settings.sipCredentials().password() == null
                            && !subscriber.hasSipCredentials()) {
                        return Uni.createFrom().failure(Problems.invalid("sipCredentials.password",
                                "must be given: the subscriber has no SIP password yet"));
                    }
                    if (subscriber.zoomUser && !settings.zoomUser()) {
                        return zoomUsers.findByDn(account, dn).invoke(linked -> {
                            if (linked != null) {
                                throw linkedToZoomUser(dn, linked.email, "zoomUser",
                                        "cannot be switched off while Zoom user " + linked.email + " uses this number");
                            }
                        });
                    }
                    return Uni.createFrom().voidItem();
                })
                .chain(subscriber -> {
                    String realm = subscriber.sipRealm;
                    String userName = subscriber.sipUserName;
                    String sealed = subscriber.sipPasswordSealed;
                    List<PendingEvent<?>> events = apply(subscriber, settings, now());
                    Uni<Void> handOver = !SipAccountHandOver.changed(realm, userName, sealed, subscriber)
                            ? Uni.createFrom().voidItem()
                            : zoomUsers.findByDn(account, dn).invoke(linked -> {
                                if (linked != null) {
                                    events.add(sipAccounts.zoomUserUpdated(linked, subscriber));
                                }
                            }).replaceWithVoid();
                    return handOver.chain(() -> PendingEvent.appendAll(outbox, account, events))
                            .call(subscribers::flush)
                            .replaceWith(subscriber);
                })
                .onFailure(DatabaseErrors::isConcurrentUpdate).transform(e -> concurrentUpdate(dn))
                .onFailure(e -> DatabaseErrors.isForeignKeyViolation(e, LINKED_BY_ZOOM_USER))
                .transform(e -> linkedToZoomUser(dn, null, "zoomUser",
                        "cannot be switched off while a Zoom user uses this number"));
    }

    /** Deletes a subscriber; refused (409) while a Zoom user is linked to it. */
    @WithTransaction
    public Uni<Void> delete(String account, String dn) {
        return findExisting(account, dn)
                .call(subscriber -> zoomUsers.findByDn(account, dn).invoke(linked -> {
                    if (linked != null) {
                        throw linkedToZoomUser(dn, linked.email, "dn",
                                "is used by Zoom user " + linked.email + "; delete that Zoom user first");
                    }
                }))
                .call(subscribers::delete)
                .call(subscribers::flush)
                .replaceWithVoid()
                .onFailure(DatabaseErrors::isConcurrentUpdate).transform(e -> concurrentUpdate(dn))
                .onFailure(e -> DatabaseErrors.isForeignKeyViolation(e, LINKED_BY_ZOOM_USER))
                .transform(e -> linkedToZoomUser(dn, null, "dn", "is used by a Zoom user; delete that Zoom user first"));
    }

    private Uni<Subscriber> findExisting(String account, String dn) {
        return subscribers.find(account, dn).map(subscriber -> {
            if (subscriber == null) {
                throw Problems.notFound();
            }
            return subscriber;
        });
    }

    /**
     * Writes {@code settings} into {@code subscriber} and returns the events the change causes:
     * one DoNotDisturbChanged if DND flipped, one ForwardingChanged per forwarding type whose
     * state or destination changed (the endpoint-control flag alone is no telephony change).
     */
    private List<PendingEvent<?>> apply(Subscriber subscriber, SubscriberSettings settings, Instant now) {
        String before = snapshot(subscriber);
        boolean dndBefore = subscriber.doNotDisturb;
        Map<ForwardingType, Forwarding> forwardingBefore = subscriber.forwardings();

        subscriber.zoomUser = settings.zoomUser();
        subscriber.registrationViaCentralSbc = settings.registrationViaCentralSbc();
        subscriber.doNotDisturb = settings.doNotDisturb();
        settings.forwarding().forEach(subscriber::forwarding);
        SipCredentials sip = settings.sipCredentials();
        if (sip == null) {
            subscriber.sipRealm = null;
            subscriber.sipUserName = null;
            subscriber.sipPasswordSealed = null;
        } else {
            subscriber.sipRealm = sip.realm();
            subscriber.sipUserName = sip.userName();
            if (sip.password() != null && !isStoredPassword(subscriber, sip.password())) {
                subscriber.sipPasswordSealed = cipher.seal(sip.password(), subscriber.passwordContext());
            }
        }
        if (!before.equals(snapshot(subscriber))) {
            subscriber.updatedAt = now;
        }

        List<PendingEvent<?>> events = new ArrayList<>();
        if (dndBefore != subscriber.doNotDisturb) {
            events.add(PendingEvent.of(EventTypes.DO_NOT_DISTURB_CHANGED,
                    new DoNotDisturbChanged(subscriber.account, subscriber.dn, subscriber.doNotDisturb)));
        }
        for (ForwardingType type : ForwardingType.values()) {
            Forwarding after = subscriber.forwarding(type);
            if (after.routesDifferentlyFrom(forwardingBefore.get(type))) {
                events.add(PendingEvent.of(EventTypes.FORWARDING_CHANGED, new ForwardingChanged(subscriber.account,
                        subscriber.dn, type, after.enabled(), after.destination())));
            }
        }
        return events;
    }

    /** Whether {@code password} is the one already stored (then its sealed form stays as it is). */
    private boolean isStoredPassword(Subscriber subscriber, String password) {
        if (subscriber.sipPasswordSealed == null) {
            return false;
        }
        try {
            return password.equals(cipher.open(subscriber.sipPasswordSealed, subscriber.passwordContext()));
        } catch (SecretUnreadableException e) {
            return false;
        }
    }

    /** Every stored value, to tell whether an update changed anything (the sealed password compares as sealed). */
    private static String snapshot(Subscriber s) {
        return String.valueOf(List.of(s.zoomUser, s.registrationViaCentralSbc, s.doNotDisturb, s.forwardings(),
                Objects.toString(s.sipRealm), Objects.toString(s.sipUserName), Objects.toString(s.sipPasswordSealed)));
    }

    /** Timestamps as PostgreSQL stores them (microseconds), so an answer equals a later read. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static ProblemException subscriberExists(String dn) {
        return new ProblemException(Problem.rule(409, "subscriber-exists", "Conflict",
                "a subscriber with DN " + dn + " already exists in this account",
                List.of(new Problem.FieldError("dn", "is already a subscriber of this account"))));
    }

    private static ProblemException linkedToZoomUser(String dn, String email, String field, String reason) {
        return new ProblemException(Problem.rule(409, "subscriber-linked", "Conflict",
                "subscriber " + dn + (email == null ? " is linked to a Zoom user" : " is linked to Zoom user " + email)
                        + ": " + field + " " + reason,
                List.of(new Problem.FieldError(field, reason))));
    }

    static ProblemException concurrentUpdate(String what) {
        return Problems.conflict("concurrent-update", what + " was changed at the same time; read it and retry");
    }
}
