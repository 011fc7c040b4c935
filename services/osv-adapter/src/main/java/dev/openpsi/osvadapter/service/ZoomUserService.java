package dev.openpsi.osvadapter.service;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.openpsi.events.EventTypes;
import dev.openpsi.events.payload.provisioning.ZoomUserLinked;
import dev.openpsi.events.payload.provisioning.ZoomUserRemoved;
import dev.openpsi.messaging.Outbox;
import dev.openpsi.osvadapter.ZoomUser;
import dev.openpsi.osvadapter.repository.SbcConfigurationRepository;
import dev.openpsi.osvadapter.repository.SubscriberRepository;
import dev.openpsi.osvadapter.repository.ZoomUserRepository;
import dev.openpsi.security.Problem;
import dev.openpsi.security.Problem.FieldError;
import dev.openpsi.security.ProblemException;
import dev.openpsi.security.Problems;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Zoom users as the PBX manager adds, edits and deletes them. A user is linked to a Zoom-flagged
 * subscriber of its account and to an SBC configuration that exists; otherwise the save fails
 * like the vendor's ("The action has failed"), naming the field. Unlike the vendor, renames and
 * deletions are propagated: every change publishes its provisioning event in its transaction.
 */
@ApplicationScoped
public class ZoomUserService {

    /** What the PBX management answers when it refuses to save a Zoom user. */
    public static final String ACTION_FAILED = "The action has failed";

    private static final String PRIMARY_KEY = "zoom_user_pkey";
    private static final String DN_UNIQUE = "zoom_user_dn_unique";
    private static final String SUBSCRIBER_FK = "zoom_user_subscriber_fk";
    private static final String SBC_CONFIGURATION_FK = "zoom_user_sbc_configuration_fk";

    private final ZoomUserRepository zoomUsers;
    private final SubscriberRepository subscribers;
    private final SbcConfigurationRepository sbcConfigurations;
    private final Outbox outbox;
    private final SipAccountHandOver sipAccounts;

    public ZoomUserService(ZoomUserRepository zoomUsers, SubscriberRepository subscribers,
            SbcConfigurationRepository sbcConfigurations, Outbox outbox, SipAccountHandOver sipAccounts) {
        this.zoomUsers = zoomUsers;
        this.subscribers = subscribers;
        this.sbcConfigurations = sbcConfigurations;
        this.outbox = outbox;
        this.sipAccounts = sipAccounts;
    }

    /** A page of {@code account}'s Zoom users ordered by email, after {@code after} (null: from the start). */
    @WithSession
    public Uni<Listing<ZoomUser>> list(String account, String after, int limit) {
        return zoomUsers.page(account, after == null ? "" : after, limit + 1)
                .map(rows -> Listing.of(rows, limit, u -> u.email));
    }

    @WithSession
    public Uni<ZoomUser> get(String account, String email) {
        return findExisting(account, email);
    }

    /** Adds a Zoom user and publishes ZoomUserLinked with it and its subscriber's SIP account (password sealed for zoom-sync). */
    @WithTransaction
    public Uni<ZoomUser> create(String account, ZoomUserDraft draft) {
        String email = draft.email();
        return zoomUsers.find(account, email)
                .chain(existing -> existing != null
                        ? Uni.createFrom().<Void>failure(zoomUserExists(email))
                        : checkLinks(account, null, draft.dn(), draft.sbcConfigurationId()))
                .chain(() -> {
                    ZoomUser user = ZoomUser.create(account, email, draft.firstName(), draft.lastName(), draft.dn(),
                            draft.sbcConfigurationId(), draft.voicemailCallbackNumber(), SubscriberService.now());
                    return zoomUsers.persist(user)
                            .chain(() -> subscribers.find(account, user.dn))
                            .call(subscriber -> PendingEvent.appendAll(outbox, account, List.of(PendingEvent.of(
                                    EventTypes.ZOOM_USER_LINKED, new ZoomUserLinked(account, user.email, user.firstName,
                                            user.lastName, user.dn, user.sbcConfigurationId, user.voicemailCallbackNumber,
                                            sipAccounts.of(subscriber, user.email))))))
                            .call(zoomUsers::flush)
                            .replaceWith(user);
                })
                .onFailure(e -> DatabaseErrors.isUniqueViolation(e, PRIMARY_KEY)).transform(e -> zoomUserExists(email))
                .onFailure(this::isLinkRace).transform(e -> linkRace(e, draft.dn(), draft.sbcConfigurationId()));
    }

    /**
     * Changes names, number, SBC configuration or voicemail callback of a Zoom user and publishes
     * ZoomUserUpdated with its new state (and its subscriber's SIP account); an unchanged user
     * publishes nothing. The email cannot change.
     */
    @WithTransaction
    public Uni<ZoomUser> update(String account, String email, ZoomUserDraft draft) {
        return findExisting(account, email)
                .call(user -> {
                    if (draft.email() != null && !draft.email().equals(user.email)) {
                        return Uni.createFrom().failure(Problems.unprocessable("email-immutable",
                                "the email of a Zoom user cannot be changed: it identifies the user in every system",
                                "email", "cannot change; it is " + user.email));
                    }
                    return checkLinks(account, user, draft.dn(), draft.sbcConfigurationId());
                })
                .chain(user -> {
                    if (!user.change(draft.firstName(), draft.lastName(), draft.dn(), draft.sbcConfigurationId(),
                            draft.voicemailCallbackNumber(), SubscriberService.now())) {
                        return Uni.createFrom().item(user);
                    }
                    return subscribers.find(account, user.dn)
                            .chain(subscriber -> PendingEvent.appendAll(outbox, account, List.of(sipAccounts.zoomUserUpdated(user, subscriber))))
                            .call(zoomUsers::flush)
                            .replaceWith(user);
                })
                .onFailure(DatabaseErrors::isConcurrentUpdate).transform(e -> SubscriberService.concurrentUpdate(email))
                .onFailure(this::isLinkRace).transform(e -> linkRace(e, draft.dn(), draft.sbcConfigurationId()));
    }

    /** Deletes a Zoom user and publishes ZoomUserRemoved, so Zoom frees its PSI licence. */
    @WithTransaction
    public Uni<Void> delete(String account, String email) {
        return findExisting(account, email)
                .call(zoomUsers::delete)
                .call(user -> PendingEvent.appendAll(outbox, account, List.of(PendingEvent.of(
                        EventTypes.ZOOM_USER_REMOVED, new ZoomUserRemoved(account, user.email, user.dn)))))
                .call(zoomUsers::flush)
                .replaceWithVoid()
                .onFailure(DatabaseErrors::isConcurrentUpdate).transform(e -> SubscriberService.concurrentUpdate(email));
    }

    private Uni<ZoomUser> findExisting(String account, String email) {
        return zoomUsers.find(account, email).map(user -> {
            if (user == null) {
                throw Problems.notFound();
            }
            return user;
        });
    }

    /**
     * The number must be a Zoom-flagged subscriber of the account that no other Zoom user uses, and
     * the SBC configuration must exist; on an update only what changes is checked. Every broken
     * link is named at once.
     */
    private Uni<Void> checkLinks(String account, ZoomUser current, String dn, String sbcConfigurationId) {
        List<Refusal> refusals = new ArrayList<>();
        Uni<Void> checks = Uni.createFrom().voidItem();
        if (current == null || !dn.equals(current.dn)) {
            checks = checks
                    .chain(() -> subscribers.find(account, dn))
                    .invoke(subscriber -> {
                        if (subscriber == null) {
                            refusals.add(new Refusal("dn-not-a-subscriber", "dn",
                                    dn + " is not a subscriber of this account"));
                        } else if (!subscriber.zoomUser) {
                            refusals.add(new Refusal("dn-not-a-zoom-user", "dn",
                                    "subscriber " + dn + " is not a Zoom user (its zoomUser flag is off)"));
                        }
                    })
                    .chain(() -> zoomUsers.findByDn(account, dn))
                    .invoke(other -> {
                        if (other != null && (current == null || !other.email.equals(current.email))) {
                            refusals.add(new Refusal("dn-already-linked", "dn",
                                    dn + " is already linked to Zoom user " + other.email));
                        }
                    })
                    .replaceWithVoid();
        }
        if (current == null || !sbcConfigurationId.equals(current.sbcConfigurationId)) {
            checks = checks
                    .chain(() -> sbcConfigurations.find(account, sbcConfigurationId))
                    .invoke(configuration -> {
                        if (configuration == null) {
                            refusals.add(new Refusal("unknown-sbc-configuration", "sbcConfigurationId",
                                    "SBC configuration '" + sbcConfigurationId + "' is not known for this account"));
                        } else if (configuration.deleted) {
                            refusals.add(new Refusal("unknown-sbc-configuration", "sbcConfigurationId",
                                    "SBC configuration '" + sbcConfigurationId + "' was deleted"));
                        }
                    })
                    .replaceWithVoid();
        }
        return checks.invoke(() -> {
            if (!refusals.isEmpty()) {
                throw actionFailed(refusals);
            }
        });
    }

    /** One reason the vendor's save would fail: a problem type, the field and why. */
    private record Refusal(String type, String field, String reason) {
    }

    private static ProblemException actionFailed(List<Refusal> refusals) {
        List<FieldError> errors = refusals.stream().map(r -> new FieldError(r.field(), r.reason())).toList();
        String detail = ACTION_FAILED + ": " + refusals.stream().map(r -> r.field() + ": " + r.reason())
                .collect(Collectors.joining("; "));
        return new ProblemException(Problem.rule(422, refusals.get(0).type(), ACTION_FAILED, detail, errors));
    }

    /** A concurrent change broke a link the checks had seen intact (the database constraints caught it). */
    private boolean isLinkRace(Throwable failure) {
        return DatabaseErrors.isUniqueViolation(failure, DN_UNIQUE)
                || DatabaseErrors.isForeignKeyViolation(failure, SUBSCRIBER_FK)
                || DatabaseErrors.isForeignKeyViolation(failure, SBC_CONFIGURATION_FK);
    }

    private static ProblemException linkRace(Throwable failure, String dn, String sbcConfigurationId) {
        if (DatabaseErrors.isUniqueViolation(failure, DN_UNIQUE)) {
            return actionFailed(List.of(new Refusal("dn-already-linked", "dn", dn + " is already linked to another Zoom user")));
        }
        if (DatabaseErrors.isForeignKeyViolation(failure, SUBSCRIBER_FK)) {
            return actionFailed(List.of(new Refusal("dn-not-a-zoom-user", "dn",
                    "subscriber " + dn + " is not a Zoom-flagged subscriber of this account")));
        }
        return actionFailed(List.of(new Refusal("unknown-sbc-configuration", "sbcConfigurationId",
                "SBC configuration '" + sbcConfigurationId + "' is not known for this account")));
    }

    private static ProblemException zoomUserExists(String email) {
        return new ProblemException(Problem.rule(409, "zoom-user-exists", "Conflict",
                "a Zoom user with email " + email + " already exists in this account",
                List.of(new FieldError("email", "is already used by a Zoom user of this account"))));
    }
}
