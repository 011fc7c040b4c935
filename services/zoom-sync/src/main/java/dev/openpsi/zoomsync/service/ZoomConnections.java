package dev.openpsi.zoomsync.service;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.openpsi.security.Problems;
import dev.openpsi.security.SecretCipher;
import dev.openpsi.zoomsync.ZoomConnection;
import dev.openpsi.zoomsync.ZoomConnection.GrantType;
import dev.openpsi.zoomsync.client.RateCategory;
import dev.openpsi.zoomsync.client.ZoomApiException;
import dev.openpsi.zoomsync.client.ZoomAuthException;
import dev.openpsi.zoomsync.client.ZoomHttpClient;
import dev.openpsi.zoomsync.client.ZoomOAuthException;
import dev.openpsi.zoomsync.config.ZoomConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The Zoom connection of each account: stores it (secret and tokens sealed), obtains and refreshes
 * tokens, and keeps the statuses the admin portal shows.
 *
 * <p>Tokens: an access token is refreshed {@code openpsi.zoom.refresh-ahead} before it expires,
 * under {@code select ... for update} on the connection row so replicas never refresh the same
 * grant twice (Zoom rotates refresh tokens: every refresh returns a new one, which is stored at
 * once, and the used one is dead). A refused refresh (revoked or invalid grant, bad client) sets
 * OAuth status Failed with the vendor-style details and from then on no call for the account
 * reaches Zoom - not even a token request - until the connection is updated or refreshed by an
 * admin. Every write that can change a status goes through {@link #statusWrite}, which publishes
 * IntegrationStatusChanged in its transaction when a status actually changed.
 */
@ApplicationScoped
public class ZoomConnections {

    private static final Logger LOG = Logger.getLogger(ZoomConnections.class);
    private static final String SECRET = "client-secret";
    private static final String ACCESS = "access-token";
    private static final String REFRESH = "refresh-token";

    private final Pool pool;
    private final SecretCipher cipher;
    private final ZoomHttpClient http;
    private final ZoomConfig config;
    private final IntegrationStatusEvents statusEvents;

    public ZoomConnections(Pool pool, SecretCipher cipher, ZoomHttpClient http, ZoomConfig config,
            IntegrationStatusEvents statusEvents) {
        this.pool = pool;
        this.cipher = cipher;
        this.http = http;
        this.config = config;
        this.statusEvents = statusEvents;
    }

    /** A status-changing write in its own transaction, with IntegrationStatusChanged if a status changed. */
    private <T> Uni<T> statusWrite(String account, java.util.function.Function<SqlClient, Uni<T>> write) {
        return pool.withTransaction(conn -> statusEvents.around(conn, account, () -> write.apply(conn)));
    }

    /** What an admin submits; the secret is only ever sealed. */
    public record Settings(String clientId, String clientSecret, String zoomAccountId, GrantType grantType,
            String authorizationCode, String redirectUri) {
    }

    public Uni<ZoomConnection> find(String account) {
        return pool.preparedQuery("select " + ZoomConnection.COLUMNS + " from zoom_connection where account = $1")
                .execute(Tuple.of(account))
                .map(rows -> rows.size() == 0 ? null : ZoomConnection.from(rows.iterator().next()));
    }

    public Uni<ZoomConnection> require(String account) {
        return find(account).map(c -> {
            if (c == null) {
                throw Problems.notFound();
            }
            return c;
        });
    }

    /** Stores new settings (statuses back to Pending, old tokens dropped), then connects and verifies at once. */
    public Uni<ZoomConnection> put(String account, Settings s) {
        String sealedSecret = cipher.seal(s.clientSecret(), ZoomConnection.context(account, SECRET));
        return statusWrite(account, conn -> conn.preparedQuery("""
                insert into zoom_connection (account, client_id, client_secret_sealed, zoom_account_id, grant_type, redirect_uri,
                    oauth_status, integration_status, updated_at)
                values ($1, $2, $3, $4, $5, $6, 'Pending', 'Pending', now())
                on conflict (account) do update set client_id = excluded.client_id,
                    client_secret_sealed = excluded.client_secret_sealed, zoom_account_id = excluded.zoom_account_id,
                    grant_type = excluded.grant_type, redirect_uri = excluded.redirect_uri,
                    access_token_sealed = null, access_issued_at = null, access_expires_at = null, refresh_token_sealed = null,
                    oauth_status = 'Pending', oauth_error = null, integration_status = 'Pending',
                    generation = zoom_connection.generation + 1, updated_at = now()
                """).execute(Tuple.from(new Object[] {account, s.clientId(), sealedSecret, s.zoomAccountId(),
                        s.grantType().wire(), s.redirectUri()})))
                .chain(() -> statusWrite(account, conn -> lock(conn, account).chain(c -> {
                    Map<String, String> form = new LinkedHashMap<>();
                    if (s.grantType() == GrantType.ACCOUNT_CREDENTIALS) {
                        form.put("grant_type", "account_credentials");
                        form.put("account_id", s.zoomAccountId());
                    } else {
                        form.put("grant_type", "authorization_code");
                        form.put("code", s.authorizationCode());
                        if (s.redirectUri() != null) {
                            form.put("redirect_uri", s.redirectUri());
                        }
                    }
                    return requestToken(conn, c, form, "Error authorizing Zoom PSI user", "POST /oauth/token");
                })))
                .replaceWithVoid()
                .onFailure(ZoomApiException.class).recoverWithUni(e -> status(account, ZoomConnection.ERROR, e.getMessage()))
                .chain(() -> verify(account));
    }

    /** Re-evaluates: a token (refreshed now, even after a failure) and one cheap API call ({@code GET /users/me}). */
    public Uni<ZoomConnection> refresh(String account) {
        return require(account)
                .chain(c -> statusWrite(account, conn -> lock(conn, account).chain(locked -> renew(conn, locked, "GET /users/me"))))
                .replaceWithVoid()
                .onFailure(ZoomApiException.class).recoverWithUni(e -> status(account, ZoomConnection.ERROR, e.getMessage()))
                .chain(() -> verify(account));
    }

    private Uni<ZoomConnection> verify(String account) {
        return find(account).chain(c -> {
            if (c == null || c.oauthFailed() || c.accessTokenSealed() == null) {
                return Uni.createFrom().item(c);
            }
            String token = cipher.open(c.accessTokenSealed(), ZoomConnection.context(account, ACCESS));
            return http.api(new ZoomHttpClient.Call(account, HttpMethod.GET, "/users/me", "/users/{userId}", null, null,
                            RateCategory.LIGHT), token)
                    .chain(me -> status(account, ZoomConnection.CONNECTED, null))
                    .chain(() -> retryFailedUsers(account))
                    .onFailure(ZoomApiException.class).recoverWithUni(e -> status(account, ZoomConnection.ERROR,
                            e.getMessage()))
                    .chain(() -> find(account));
        });
    }

    /** Users that failed only because Zoom or its OAuth was unusable are provisioned again once the connection works. */
    private Uni<Void> retryFailedUsers(String account) {
        return pool.preparedQuery("""
                insert into provisioning_job (account, email, action)
                select u.account, u.email, 'provision' from psi_user u
                 where u.account = $1 and u.status = 'Failed' and u.failure_reason in ('OAuthFailed', 'ZoomApiError', 'RateLimited')
                   and u.linked and u.sip_password_sealed is not null
                   and not exists (select 1 from provisioning_job j where j.account = u.account and j.email = u.email)""")
                .execute(Tuple.of(account)).replaceWithVoid();
    }

    private Uni<Void> status(String account, String integration, String error) {
        return statusWrite(account, conn -> conn.preparedQuery("""
                update zoom_connection set integration_status = $2,
                       oauth_error = case when $2 = 'Connected' then null else coalesce($3, oauth_error) end, updated_at = now()
                 where account = $1 and oauth_status <> 'Failed'
                """).execute(Tuple.of(account, integration, error))).replaceWithVoid();
    }

    /**
     * A usable access token for {@code account}, refreshed when it is about to expire. {@code call}
     * ({@code GET /users}) names what needs it, for the error details. Fails with
     * {@link ZoomAuthException} - without calling Zoom - while the OAuth status is Failed.
     */
    public Uni<String> accessToken(String account, String call) {
        return find(account).chain(c -> {
            if (c == null) {
                return Uni.createFrom().failure(new ZoomAuthException("account " + account + " has no Zoom connection"));
            }
            if (c.oauthFailed()) {
                return Uni.createFrom().failure(new ZoomAuthException(c.oauthError()));
            }
            if (fresh(c)) {
                return Uni.createFrom().item(cipher.open(c.accessTokenSealed(), ZoomConnection.context(account, ACCESS)));
            }
            return statusWrite(account, conn -> lock(conn, account).chain(locked -> {
                if (locked.oauthFailed()) {
                    return Uni.createFrom().item(new Outcome(null, locked.oauthError()));
                }
                if (fresh(locked)) { // another caller or replica refreshed meanwhile
                    return Uni.createFrom().item(new Outcome(locked, null));
                }
                return renew(conn, locked, call);
            })).map(Outcome::orThrow).map(renewed -> cipher.open(renewed.accessTokenSealed(), ZoomConnection.context(account, ACCESS)));
        });
    }

    /** Forgets the access token (Zoom answered 401 code 124 to it); the next call refreshes. */
    public Uni<Void> expireAccessToken(String account) {
        return pool.preparedQuery("update zoom_connection set access_expires_at = now() - interval '1 second' where account = $1")
                .execute(Tuple.of(account)).replaceWithVoid();
    }

    /** Records the outcome of a sync run on the connection. */
    public Uni<Void> syncFinished(String account, boolean success, String error) {
        return statusWrite(account, conn -> conn.preparedQuery(success
                        ? "update zoom_connection set sync_status = 'Successful', sync_error = null, last_successful_sync = now(), "
                                + "integration_status = case when oauth_status = 'Authorized' then 'Connected' else integration_status end "
                                + "where account = $1"
                        : "update zoom_connection set sync_status = 'Failed', sync_error = $2, "
                                + "integration_status = 'Error' where account = $1")
                .execute(success ? Tuple.of(account) : Tuple.of(account, error))).replaceWithVoid();
    }

    /**
     * Whether the access token is good for a while yet: it is refreshed {@code refresh-ahead} before
     * it expires, or at half its life when Zoom issues tokens shorter than twice that.
     */
    private boolean fresh(ZoomConnection c) {
        if (c.accessTokenSealed() == null || c.accessExpiresAt() == null) {
            return false;
        }
        Duration ahead = config.refreshAhead();
        if (c.accessIssuedAt() != null) {
            Duration half = Duration.between(c.accessIssuedAt(), c.accessExpiresAt()).dividedBy(2);
            ahead = half.compareTo(ahead) < 0 ? half : ahead;
        }
        return c.accessExpiresAt().isAfter(Instant.now().plus(ahead));
    }

    private Uni<ZoomConnection> lock(SqlClient conn, String account) {
        return conn.preparedQuery("select " + ZoomConnection.COLUMNS + " from zoom_connection where account = $1 for update")
                .execute(Tuple.of(account)).map(rows -> {
                    if (rows.size() == 0) {
                        throw new ZoomAuthException("account " + account + " has no Zoom connection");
                    }
                    return ZoomConnection.from(rows.iterator().next());
                });
    }

    /** New access token for a locked connection: a refresh-token grant, or a new Server-to-Server token. */
    private Uni<Outcome> renew(SqlClient conn, ZoomConnection c, String call) {
        Map<String, String> form = new LinkedHashMap<>();
        if (c.grantType() == GrantType.ACCOUNT_CREDENTIALS) {
            form.put("grant_type", "account_credentials");
            form.put("account_id", c.zoomAccountId());
        } else {
            if (c.refreshTokenSealed() == null) {
                return fail(conn, c, "Zoom(" + method(call) + "): no refresh token: Error refreshing Zoom PSI user: "
                        + "authorize the Zoom integration again").map(details -> new Outcome(null, details));
            }
            form.put("grant_type", "refresh_token");
            form.put("refresh_token", cipher.open(c.refreshTokenSealed(), ZoomConnection.context(c.account(), REFRESH)));
        }
        return requestToken(conn, c, form, "Error refreshing Zoom PSI user", call);
    }

    private Uni<Outcome> requestToken(SqlClient conn, ZoomConnection c, Map<String, String> form, String what,
            String call) {
        String secret = cipher.open(c.clientSecretSealed(), ZoomConnection.context(c.account(), SECRET));
        return http.token(c.clientId(), secret, form)
                .chain(body -> store(conn, c, body).map(stored -> new Outcome(stored, null)))
                .onFailure(ZoomOAuthException.class).recoverWithUni(f -> {
                    ZoomOAuthException e = (ZoomOAuthException) f;
                    if (!e.refused()) {
                        return Uni.createFrom().failure(new ZoomApiException("POST", "/oauth/token", e.status(), 0,
                                "OAuth server unavailable: " + e.error(), e));
                    }
                    String details = "Zoom(" + method(call) + "): " + e.status()
                            + (e.reason() == null ? "" : " " + e.reason()) + ": " + what
                            + ": failed to post auth resource: " + e.errorName();
                    return fail(conn, c, details).map(d -> new Outcome(null, d));
                });
    }

    private Uni<ZoomConnection> store(SqlClient conn, ZoomConnection c, JsonObject body) {
        String account = c.account();
        String access = body.getString("access_token");
        long expiresIn = body.getLong("expires_in", 3600L);
        String refresh = body.getString("refresh_token");
        OffsetDateTime issued = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime expires = issued.plus(Duration.ofSeconds(expiresIn));
        String sealedAccess = cipher.seal(access, ZoomConnection.context(account, ACCESS));
        String sealedRefresh = refresh == null ? null : cipher.seal(refresh, ZoomConnection.context(account, REFRESH));
        LOG.debugf("Zoom token for account %s obtained, expires %s", account, expires);
        return conn.preparedQuery("""
                update zoom_connection set access_token_sealed = $2, access_expires_at = $3,
                       refresh_token_sealed = coalesce($4, refresh_token_sealed), access_issued_at = $5,
                       oauth_status = 'Authorized', oauth_error = null, updated_at = now()
                 where account = $1
                returning %s""".formatted(ZoomConnection.COLUMNS))
                .execute(Tuple.of(account, sealedAccess, expires, sealedRefresh, issued))
                .map(rows -> ZoomConnection.from(rows.iterator().next()));
    }

    /**
     * OAuth Failed with details, written in the locking transaction, which then commits: the
     * caller gets a {@link ZoomAuthException} afterwards and no more calls go to Zoom.
     */
    private Uni<String> fail(SqlClient conn, ZoomConnection c, String details) {
        LOG.warnf("Zoom OAuth of account %s failed: %s", c.account(), details);
        return conn.preparedQuery("""
                update zoom_connection set oauth_status = 'Failed', oauth_error = $2, integration_status = 'Error',
                       access_token_sealed = null, access_expires_at = null, updated_at = now()
                 where account = $1""")
                .execute(Tuple.of(c.account(), details)).replaceWith(details);
    }


    private static String method(String call) {
        int space = call.indexOf(' ');
        return space < 0 ? call : call.substring(0, space) + " /v2" + call.substring(space + 1);
    }

    /** A token request's result inside the locking transaction: the stored connection, or why OAuth failed (committed too). */
    private record Outcome(ZoomConnection connection, String failure) {

        ZoomConnection orThrow() {
            if (failure != null) {
                throw new ZoomAuthException(failure);
            }
            return connection;
        }
    }
}
