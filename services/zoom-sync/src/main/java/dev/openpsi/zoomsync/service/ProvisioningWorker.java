package dev.openpsi.zoomsync.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import dev.openpsi.events.EventTypes;
import dev.openpsi.events.Traceparent;
import dev.openpsi.events.payload.provisioning.ProvisioningFailed;
import dev.openpsi.events.payload.provisioning.ProvisioningFailureReason;
import dev.openpsi.events.payload.provisioning.SipPhoneProvisioned;
import dev.openpsi.messaging.EventContext;
import dev.openpsi.messaging.Outbox;
import dev.openpsi.security.SecretCipher;
import dev.openpsi.zoomsync.PsiUser;
import dev.openpsi.zoomsync.client.ZoomApiException;
import dev.openpsi.zoomsync.client.ZoomAuthException;
import dev.openpsi.zoomsync.config.ZoomConfig;
import dev.openpsi.zoomsync.repository.MirrorRepository;
import dev.openpsi.zoomsync.repository.MirrorRepository.PhoneEmail;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Drains provisioning_job outside the consumer's transaction, on its own thread (it waits for
 * reactive work; it never runs on, or blocks, an event loop). Each round claims at most
 * {@code openpsi.zoom.provisioning.batch-size} (50, the product's limit) due jobs with
 * {@code for update skip locked} - any number of replicas can drain together - and only the oldest
 * job of each user, so one user's jobs run in order.
 *
 * <p>Provisioning a user: the Zoom user must exist and be active (else ProvisioningFailed
 * ZoomUserNotFound / ZoomUserStatusInactive / ZoomUserStatusPending); then its two SIP phones,
 * desktop on the email and mobile on {@code <email>.mobile}, are created or updated with the
 * user's SIP credentials and its SBC configuration (register and proxy server = host:port,
 * transport = protocol). Success: status Idle and SipPhoneProvisioned through the Outbox, in one
 * transaction. Zoom 5xx/timeouts (already retried by the client) and an unusable OAuth are tried
 * again with backoff; after {@code max-attempts} the user is Failed with ProvisioningFailed
 * (ZoomApiError / OAuthFailed) - never stuck silently.
 */
@ApplicationScoped
public class ProvisioningWorker {

    private static final Logger LOG = Logger.getLogger(ProvisioningWorker.class);
    private static final Duration AWAIT = Duration.ofMinutes(5);

    private final Pool pool;
    private final Mutiny.SessionFactory sessions;
    private final Outbox outbox;
    private final ZoomGateway zoom;
    private final MirrorRepository mirror;
    private final SecretCipher cipher;
    private final ZoomConfig config;
    private volatile boolean running;
    private volatile boolean stopped;
    private Thread thread;

    public ProvisioningWorker(Pool pool, Mutiny.SessionFactory sessions, Outbox outbox, ZoomGateway zoom,
            MirrorRepository mirror, SecretCipher cipher, ZoomConfig config) {
        this.pool = pool;
        this.sessions = sessions;
        this.outbox = outbox;
        this.zoom = zoom;
        this.mirror = mirror;
        this.cipher = cipher;
        this.config = config;
    }

    record Job(long id, String account, String email, String action, String desktopPhoneId, String mobilePhoneId,
            int attempts, String traceparent) {

        static Job from(Row r) {
            return new Job(r.getLong("id"), r.getString("account"), r.getString("email"), r.getString("action"),
                    r.getString("desktop_phone_id"), r.getString("mobile_phone_id"), r.getInteger("attempts"),
                    r.getString("traceparent"));
        }

        /** Events of this job continue the trace of the event that queued it. */
        EventContext context() {
            return traceparent != null && Traceparent.isValid(traceparent)
                    ? new EventContext(account, Traceparent.parse(traceparent)) : EventContext.root(account);
        }
    }

    /** Why a user cannot be provisioned (no retry helps). */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final ProvisioningFailureReason reason;

        Refused(ProvisioningFailureReason reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }

    record Sbc(String host, int port, String protocol) {
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.provisioning().workerEnabled()) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "zoom-provisioning");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        stopped = true;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void loop() {
        while (running) {
            int done;
            try {
                done = round();
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warn("provisioning round failed", e);
                done = 0;
            }
            if (done == 0) {
                try {
                    Thread.sleep(config.provisioning().pollInterval().toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /**
     * Claims and works one batch of at most {@code batch-size} due jobs; the number claimed. The
     * worker thread calls it in a loop; an instance without the worker ({@code worker-enabled=false})
     * can drive rounds itself.
     */
    public int round() {
        List<Job> jobs = pool.preparedQuery("""
                update provisioning_job set locked_until = now() + interval '5 minutes'
                 where id in (select j.id from provisioning_job j
                               where j.next_attempt_at <= now() and (j.locked_until is null or j.locked_until < now())
                                 and not exists (select 1 from provisioning_job o where o.account = j.account
                                                  and o.email = j.email and o.id < j.id)
                               order by j.id limit $1 for update skip locked)
                returning id, account, email, action, desktop_phone_id, mobile_phone_id, attempts, traceparent""")
                .execute(Tuple.of(config.provisioning().batchSize()))
                .map(rows -> {
                    List<Job> out = new ArrayList<>();
                    rows.forEach(r -> out.add(Job.from(r)));
                    out.sort((a, b) -> Long.compare(a.id(), b.id()));
                    return out;
                })
                .await().atMost(AWAIT);
        for (Job job : jobs) {
            if (stopped) {
                break; // shutting down: the claimed jobs are free again once their lock expires
            }
            work(job);
        }
        return jobs.size();
    }

    private void work(Job job) {
        try {
            if ("remove".equals(job.action())) {
                removePhones(job).await().atMost(AWAIT);
                transaction(s -> deleteJob(s, job));
            } else {
                provision(job);
            }
        } catch (Refused refused) {
            failed(job, refused.reason, refused.getMessage());
        } catch (ZoomAuthException e) {
            retryOrFail(job, ProvisioningFailureReason.OAUTH_FAILED, e.getMessage());
        } catch (ZoomApiException e) {
            if (e.transientFailure()) {
                retryOrFail(job, ProvisioningFailureReason.ZOOM_API_ERROR, e.getMessage());
            } else {
                failed(job, ProvisioningFailureReason.ZOOM_API_ERROR, e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "provisioning job %d of %s failed", job.id(), job.account());
            retryOrFail(job, ProvisioningFailureReason.ZOOM_API_ERROR, e.getClass().getSimpleName());
        }
    }

    // ------------------------------------------------------------------ provision

    private void provision(Job job) {
        PsiUser user = pool.preparedQuery("select " + PsiUser.COLUMNS + " from psi_user where account = $1 and email = $2")
                .execute(Tuple.of(job.account(), job.email()))
                .map(rows -> rows.size() == 0 ? null : PsiUser.from(rows.iterator().next()))
                .await().atMost(AWAIT);
        if (user == null || !user.linked() || user.sipPasswordSealed() == null) {
            transaction(s -> deleteJob(s, job)); // nothing to do yet: stays Pending SIP credential
            return;
        }
        Sbc sbc = user.sbcConfigurationId() == null ? null : pool.preparedQuery(
                        "select host, port, protocol from sbc_configuration where account = $1 and id = $2")
                .execute(Tuple.of(job.account(), user.sbcConfigurationId()))
                .map(rows -> rows.size() == 0 ? null : sbc(rows.iterator().next()))
                .await().atMost(AWAIT);
        if (sbc == null) {
            // the SbcConfigurationChanged event may still be on its way; its arrival re-queues the user too
            retryOrFail(job, ProvisioningFailureReason.SBC_CONFIGURATION_MISSING,
                    "SBC configuration " + user.sbcConfigurationId() + " is not known");
            return;
        }
        JsonObject zoomUser = zoom.getUser(job.account(), user.email())
                .onFailure(e -> e instanceof ZoomApiException z && z.status() == 404)
                .transform(e -> new Refused(ProvisioningFailureReason.ZOOM_USER_NOT_FOUND,
                        "Zoom user " + user.email() + " does not exist: " + e.getMessage()))
                .await().atMost(AWAIT);
        String status = zoomUser.getString("status", "active");
        if ("inactive".equals(status)) {
            throw new Refused(ProvisioningFailureReason.ZOOM_USER_STATUS_INACTIVE, "Zoom user " + user.email() + " is inactive");
        }
        if ("pending".equals(status)) {
            throw new Refused(ProvisioningFailureReason.ZOOM_USER_STATUS_PENDING, "Zoom user " + user.email() + " is pending");
        }
        String password = cipher.open(user.sipPasswordSealed(), PsiUser.passwordContext(user.account(), user.email()));
        String desktop = ensurePhone(job.account(), user.email(), user.desktopPhoneId(), phone(user, sbc, password))
                .await().atMost(AWAIT);
        String mobile = ensurePhone(job.account(), user.email() + PhoneEmail.MOBILE_SUFFIX, user.mobilePhoneId(),
                phone(user, sbc, password)).await().atMost(AWAIT);
        mirror.putPhone(job.account(), desktop, user.email(), user.sipUserName(), PhoneEmail.DESKTOP)
                .chain(() -> mirror.putPhone(job.account(), mobile, user.email(), user.sipUserName(), PhoneEmail.MOBILE))
                .await().atMost(AWAIT);
        String zoomUserId = zoomUser.getString("id");
        transaction(s -> s.createNativeQuery("""
                        update psi_user set status = 'Idle', failure_reason = null, failure_detail = null,
                               zoom_user_id = :zoomUserId, desktop_phone_id = :desktop, mobile_phone_id = :mobile, updated_at = now()
                         where account = :account and email = :email""")
                .setParameter("zoomUserId", zoomUserId).setParameter("desktop", desktop).setParameter("mobile", mobile)
                .setParameter("account", job.account()).setParameter("email", job.email()).executeUpdate()
                .chain(() -> outbox.append(s, job.context(), EventTypes.SIP_PHONE_PROVISIONED,
                        new SipPhoneProvisioned(job.account(), job.email(), zoomUserId, desktop, mobile)))
                .chain(() -> deleteJob(s, job)));
        LOG.infof("SIP phones of a user of %s provisioned (desktop %s, mobile %s)", job.account(), desktop, mobile);
    }

    /** The SIP phone body (Zoom's newer SIP phone resource, nested server). */
    private JsonObject phone(PsiUser user, Sbc sbc, String password) {
        String server = sbc.host() + ":" + sbc.port();
        String userName = user.sipUserName();
        return new JsonObject()
                .put("user_name", userName)
                .put("authorization_name", user.sipAuthorizationName() != null ? user.sipAuthorizationName() : userName)
                .put("password", password)
                .put("domain", user.sipDomain() != null ? user.sipDomain() : sbc.host())
                .put("voice_mail", user.voicemailCallbackNumber() == null ? "" : user.voicemailCallbackNumber())
                .put("registration_expire_time", config.provisioning().registrationExpireMinutes())
                .put("server", new JsonObject().put("register_server", server).put("proxy_server", server)
                        .put("transport_protocol", sbc.protocol()));
    }

    /** Updates the known phone, or creates it; a phone Zoom already has for that user_email is found and updated. */
    private Uni<String> ensurePhone(String account, String userEmail, String knownId, JsonObject body) {
        if (knownId != null) {
            return zoom.updateSipPhone(account, knownId, body).replaceWith(knownId)
                    .onFailure(e -> e instanceof ZoomApiException z && z.status() == 404)
                    .recoverWithUni(e -> ensurePhone(account, userEmail, null, body));
        }
        return zoom.createSipPhone(account, body.copy().put("user_email", userEmail))
                .map(created -> created.getString("phone_id", created.getString("id")))
                .onFailure(e -> e instanceof ZoomApiException z && z.status() == 400 && z.code() == 300)
                .recoverWithUni(e -> findPhone(account, userEmail).chain(id -> id == null
                        ? Uni.createFrom().failure(e)
                        : zoom.updateSipPhone(account, id, body).replaceWith(id)));
    }

    private Uni<String> findPhone(String account, String userEmail) {
        return zoom.listSipPhones(account, userEmail, null, 300).map(page -> {
            JsonArray phones = page.getJsonArray("phones", new JsonArray());
            for (int i = 0; i < phones.size(); i++) {
                JsonObject p = phones.getJsonObject(i);
                if (userEmail.equalsIgnoreCase(p.getString("user_email"))) {
                    return p.getString("phone_id", p.getString("id"));
                }
            }
            return null;
        });
    }

    // ------------------------------------------------------------------ remove

    private Uni<Void> removePhones(Job job) {
        Uni<List<String>> ids = job.desktopPhoneId() != null || job.mobilePhoneId() != null
                ? Uni.createFrom().item(nonNull(job.desktopPhoneId(), job.mobilePhoneId()))
                : Uni.combine().all().unis(findPhone(job.account(), job.email()),
                        findPhone(job.account(), job.email() + PhoneEmail.MOBILE_SUFFIX)).with((d, m) -> nonNull(d, m));
        return ids.chain(list -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (String id : list) {
                chain = chain.chain(() -> zoom.deleteSipPhone(job.account(), id).replaceWithVoid()
                        .onFailure(e -> e instanceof ZoomApiException z && z.status() == 404).recoverWithNull()
                        .chain(() -> mirror.removePhone(job.account(), id)));
            }
            return chain;
        });
    }

    private static List<String> nonNull(String a, String b) {
        List<String> out = new ArrayList<>();
        if (a != null) {
            out.add(a);
        }
        if (b != null) {
            out.add(b);
        }
        return out;
    }

    // ------------------------------------------------------------------ outcomes

    private void retryOrFail(Job job, ProvisioningFailureReason reason, String detail) {
        int attempts = job.attempts() + 1;
        if (attempts >= config.provisioning().maxAttempts()) {
            failed(job, reason, detail);
            return;
        }
        long backoff = config.provisioning().retryBackoff().toMillis() << Math.min(attempts - 1, 10);
        LOG.debugf("provisioning job %d attempt %d failed (%s), next in %d ms", job.id(), attempts, detail, backoff);
        pool.preparedQuery("""
                update provisioning_job set attempts = $2, last_error = $3, locked_until = null,
                       next_attempt_at = now() + $4::float8 * interval '1 millisecond' where id = $1""")
                .execute(Tuple.of(job.id(), attempts, detail, (double) backoff)).await().atMost(AWAIT);
    }

    /** Status Failed with the reason and ProvisioningFailed through the Outbox, in one transaction. */
    private void failed(Job job, ProvisioningFailureReason reason, String detail) {
        LOG.infof("provisioning of a user of %s failed: %s", job.account(), reason.code());
        String shown = detail == null ? reason.code() : detail.length() > 1000 ? detail.substring(0, 1000) : detail;
        transaction(s -> s.createNativeQuery("""
                        update psi_user set status = 'Failed', failure_reason = :reason, failure_detail = :detail, updated_at = now()
                         where account = :account and email = :email""")
                .setParameter("reason", reason.code()).setParameter("detail", shown)
                .setParameter("account", job.account()).setParameter("email", job.email()).executeUpdate()
                .chain(() -> outbox.append(s, job.context(), EventTypes.PROVISIONING_FAILED,
                        new ProvisioningFailed(job.account(), job.email(), reason, shown)))
                .chain(() -> deleteJob(s, job)));
    }

    private static Uni<Void> deleteJob(Mutiny.Session s, Job job) {
        return s.createNativeQuery("delete from provisioning_job where id = :id").setParameter("id", job.id())
                .executeUpdate().replaceWithVoid();
    }

    private void transaction(java.util.function.Function<Mutiny.Session, Uni<Void>> work) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> sessions.withTransaction((s, tx) -> work.apply(s)));
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static Sbc sbc(Row r) {
        return new Sbc(r.getString("host"), r.getInteger("port"), r.getString("protocol"));
    }
}
