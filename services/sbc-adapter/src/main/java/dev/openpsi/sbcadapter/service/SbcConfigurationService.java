package dev.openpsi.sbcadapter.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;

import org.hibernate.StaleStateException;

import dev.openpsi.events.EventTypes;
import dev.openpsi.events.payload.registration.ConfigurationChange;
import dev.openpsi.messaging.EventContext;
import dev.openpsi.messaging.Outbox;
import dev.openpsi.sbcadapter.SbcConfiguration;
import dev.openpsi.sbcadapter.repository.SbcConfigurationRepository;
import dev.openpsi.sbcadapter.service.SbcConfigurationAccess.Reach;
import dev.openpsi.security.ProblemException;
import dev.openpsi.security.Problems;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/**
 * Account admins and services create, replace and delete SBC configurations; every change is
 * written to the outbox as {@code SbcConfigurationChanged} in the transaction that makes it.
 */
@ApplicationScoped
public class SbcConfigurationService {

    private static final String UNIQUE_VIOLATION = "23505";

    private final SbcConfigurationRepository configurations;
    private final Outbox outbox;

    public SbcConfigurationService(SbcConfigurationRepository configurations, Outbox outbox) {
        this.configurations = configurations;
        this.outbox = outbox;
    }

    /** A page of {@code account}'s configurations ordered by name, after the name {@code after} (null: from the start). */
    @WithSession
    public Uni<SbcConfigurationListing> list(String account, String after, int limit) {
        return configurations.pageOf(account, after == null ? "" : after, limit + 1).map(page -> page.size() > limit
                ? new SbcConfigurationListing(page.subList(0, limit), page.get(limit - 1).name)
                : new SbcConfigurationListing(page, null));
    }

    @WithSession
    public Uni<SbcConfiguration> get(Reach reach, UUID id) {
        return findReachable(reach, id);
    }

    /** A new configuration of {@code account}; its name must be free in the account whatever its case. */
    @WithTransaction
    public Uni<SbcConfiguration> create(String account, SbcConfigurationDraft draft) {
        SbcConfiguration configuration = SbcConfiguration.create(account, draft.name(), draft.host(), draft.port(),
                draft.protocol(), now());
        return configurations.nameTaken(account, draft.name(), configuration.id)
                .chain(taken -> taken
                        ? Uni.createFrom().<SbcConfiguration>failure(nameExists(draft.name()))
                        : configurations.persist(configuration))
                .call(created -> publish(created, ConfigurationChange.CREATED))
                .call(created -> configurations.flush())
                .onFailure(SbcConfigurationService::isUniqueViolation).transform(e -> nameExists(draft.name()));
    }

    /**
     * Replaces every attribute of the configuration if it is still at {@code version} (the one the
     * client read); 409 otherwise. An update that changes nothing publishes nothing.
     */
    @WithTransaction
    public Uni<SbcConfiguration> update(Reach reach, UUID id, long version, SbcConfigurationDraft draft) {
        return findReachable(reach, id)
                .invoke(configuration -> {
                    if (!configuration.isVersion(version)) {
                        throw concurrentUpdate(id);
                    }
                })
                .call(configuration -> configurations.nameTaken(configuration.account, draft.name(), id)
                        .invoke(taken -> {
                            if (taken) {
                                throw nameExists(draft.name());
                            }
                        }))
                .call(configuration -> configuration.replace(draft.name(), draft.host(), draft.port(), draft.protocol(), now())
                        ? publish(configuration, ConfigurationChange.UPDATED).call(configurations::flush)
                        : Uni.createFrom().voidItem())
                .onFailure(SbcConfigurationService::isConcurrentUpdate).transform(e -> concurrentUpdate(id))
                .onFailure(SbcConfigurationService::isUniqueViolation).transform(e -> nameExists(draft.name()));
    }

    /** Deletes the configuration; the event carries its last state. */
    @WithTransaction
    public Uni<Void> delete(Reach reach, UUID id) {
        return findReachable(reach, id)
                .call(configurations::delete)
                .call(configuration -> publish(configuration, ConfigurationChange.DELETED))
                .call(configuration -> configurations.flush())
                .onFailure(SbcConfigurationService::isConcurrentUpdate).transform(e -> concurrentUpdate(id))
                .replaceWithVoid();
    }

    /** The configuration, or 404 if it does not exist or the caller may not reach it. Needs a session. */
    private Uni<SbcConfiguration> findReachable(Reach reach, UUID id) {
        return configurations.findById(id).map(configuration -> {
            if (configuration == null || !reach.includes(configuration)) {
                throw Problems.notFound();
            }
            return configuration;
        });
    }

    /** Appends the change to the outbox of the current transaction (key and subject come from the event type). */
    private Uni<Void> publish(SbcConfiguration configuration, ConfigurationChange change) {
        return Panache.getSession()
                .chain(session -> outbox.append(session, EventContext.root(configuration.account),
                        EventTypes.SBC_CONFIGURATION_CHANGED, configuration.changed(change)))
                .replaceWithVoid();
    }

    /** Timestamps as PostgreSQL stores them (microseconds), so an answer equals a later read. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static ProblemException nameExists(String name) {
        return Problems.conflict("sbc-configuration-exists",
                "an SBC configuration named '" + name + "' already exists in the account (names ignore case)");
    }

    private static ProblemException concurrentUpdate(UUID id) {
        return Problems.conflict("concurrent-update",
                "SBC configuration " + id + " was changed at the same time; read it and retry");
    }

    /** A concurrent insert or rename to the same name won the race (unique index of V1). */
    private static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
                    || t instanceof org.hibernate.exception.ConstraintViolationException cv
                            && UNIQUE_VIOLATION.equals(cv.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** The version check of the update or delete failed: another transaction changed the configuration first. */
    private static boolean isConcurrentUpdate(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StaleStateException || t instanceof OptimisticLockException) {
                return true;
            }
        }
        return false;
    }
}
