package dev.openpsi.cloudlinkdaemon.connector;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import dev.openpsi.cloudlinkdaemon.service.AccountAccess;
import dev.openpsi.security.ProblemException;
import dev.openpsi.security.Problems;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/**
 * Linking (DOMAIN.md "CloudLink connector"): an account admin creates a one-time token for a
 * component; the component's connector exchanges it for a component id and a credential. The
 * exchange refuses a clock offset beyond the tolerance - the vendor's NTP trap, where token
 * creation just fails - and a second connector presenting an identity that is already linked.
 */
@ApplicationScoped
public class ConnectorLinking {

    private static final Logger LOG = Logger.getLogger(ConnectorLinking.class);
    private static final String UNIQUE_VIOLATION = "23505";

    private final AccountAccess access;
    private final ComponentRepository components;
    private final ComponentStatusChanges changes;
    private final ConnectorConfig config;

    public ConnectorLinking(AccountAccess access, ComponentRepository components, ComponentStatusChanges changes,
            ConnectorConfig config) {
        this.access = access;
        this.components = components;
        this.changes = changes;
        this.config = config;
    }

    @WithTransaction
    public Uni<LinkTokenResponse> createToken(AccountAccess.Caller caller, String subject, String account,
            CreateLinkTokenRequest request) {
        Instant now = now();
        String token = ConnectorSecrets.generate("clt_");
        return access.findManageable(caller, account)
                .chain(a -> Panache.getSession())
                .chain(session -> session.persist(LinkToken.create(account, ConnectorSecrets.hash(token), request.type(),
                        request.name().strip(), subject, now, now.plus(config.linkTokenTtl()))))
                .map(v -> new LinkTokenResponse(token, account, request.type(), request.name().strip(),
                        now.plus(config.linkTokenTtl())));
    }

    @WithTransaction
    public Uni<Committed<LinkResponse>> link(LinkRequest request) {
        Instant now = now();
        return Panache.getSession().chain(session -> components
                .lockTokenByHash(session, ConnectorSecrets.hash(request.token()))
                .chain(token -> {
                    requireUsable(token, now);
                    requireClockInTolerance(request.clientTime(), now);
                    return components.findByIdentity(session, request.identity())
                            .chain(existing -> existing == null
                                    ? linkNew(session, token, request, now).map(Committed::ok)
                                    : Uni.createFrom().item(refuseDuplicate(existing, token, request, now)));
                }))
                .onFailure(ConnectorLinking::isUniqueViolation).transform(e -> Problems.conflict("component-already-linked",
                        "a component with this identity was linked at the same time; unlink it before linking again"));
    }

    private Uni<LinkResponse> linkNew(Mutiny.Session session, LinkToken token, LinkRequest request, Instant now) {
        String credential = ConnectorSecrets.generate("clc_");
        LinkedComponent component = LinkedComponent.link(token, request.identity(), request.host(), request.instanceId(),
                ConnectorSecrets.hash(credential), now);
        token.usedAt = now;
        return session.persist(component)
                .chain(v -> changes.apply(session, component, null, ComponentStatusRules.linked(token.componentType.hasContainer()),
                        "linked from host " + request.host()))
                .call(session::flush)
                .invoke(c -> LOG.infof("component %s (%s) of account %s linked from host %s", c.id, c.type, c.account, c.host))
                .map(c -> new LinkResponse(c.id, c.account, c.type, c.name, credential,
                        config.heartbeatInterval().toSeconds(), config.heartbeatTimeout().toSeconds(),
                        config.inventoryInterval().toSeconds()));
    }

    /**
     * The identity is linked already. The same installation linking again is told to unlink first;
     * another host or installation is a clone: refused and recorded on the linked component.
     */
    private Committed<LinkResponse> refuseDuplicate(LinkedComponent existing, LinkToken token, LinkRequest request,
            Instant now) {
        if (existing.isSameInstallation(request.host(), request.instanceId())) {
            return Committed.refused(Problems.conflict("component-already-linked",
                    "this component is already linked (host " + existing.host + "); an administrator unlinks it "
                            + "before it can be linked again"));
        }
        changes.recordClone(existing, request.host(), request.instanceId(), now);
        LOG.warnf("refused a clone of component %s: identity linked from host %s, presented again from host %s",
                existing.id, existing.host, request.host());
        // hosts of another account's component are not named to this one
        String linkedFrom = existing.account.equals(token.account) ? "host " + existing.host + " (instance "
                + existing.instanceId + ")" : "another account";
        return Committed.refused(Problems.conflict("component-clone-detected",
                "component identity already linked from " + linkedFrom + "; refused the link from host " + request.host()
                        + " (instance " + request.instanceId() + "): was the server cloned? Unlink the component "
                        + "before linking it from another installation"));
    }

    private static void requireUsable(LinkToken token, Instant now) {
        if (token == null) {
            throw Problems.unprocessable("link-token-invalid", "the link token is unknown; create a new one", "token",
                    "unknown link token");
        }
        String reason = token.unusableReason(now);
        if (reason != null) {
            throw Problems.unprocessable("link-token-invalid", reason, "token", reason);
        }
    }

    /** The connector's clock must be within the tolerance of ours: linking with an offset fails at the vendor. */
    private void requireClockInTolerance(Instant clientTime, Instant now) {
        Duration offset = Duration.between(now, clientTime);
        Duration tolerance = config.clockTolerance();
        if (offset.abs().compareTo(tolerance) > 0) {
            throw clockOffset(offset, tolerance);
        }
    }

    static ProblemException clockOffset(Duration offset, Duration tolerance) {
        long seconds = Math.round(offset.toMillis() / 1000.0);
        String detail = "clock offset of " + (seconds >= 0 ? "+" : "") + seconds + " s exceeds the tolerance of "
                + tolerance.toSeconds() + " s; synchronise the clock (NTP) and link again";
        return Problems.unprocessable("clock-offset", detail, "clientTime", detail);
    }

    /** Timestamps as PostgreSQL stores them (microseconds). */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** A concurrent link of the same identity won the race (unique index on identity). */
    private static boolean isUniqueViolation(Throwable failure) {
        return Stream.iterate(failure, Objects::nonNull, Throwable::getCause).anyMatch(t -> t instanceof PgException pg
                && UNIQUE_VIOLATION.equals(pg.getSqlState())
                || t instanceof ConstraintViolationException cv && UNIQUE_VIOLATION.equals(cv.getSQLState()));
    }
}
