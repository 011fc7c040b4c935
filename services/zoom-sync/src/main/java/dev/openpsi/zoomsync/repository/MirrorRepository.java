package dev.openpsi.zoomsync.repository;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The mirror of Zoom users and SIP phones (tables zoom_user and zoom_sip_phone, read by the comparison
 * report): one page of Zoom's answer is upserted with one statement (arrays through {@code unnest});
 * a full sync then removes what Zoom no longer lists.
 */
@ApplicationScoped
public class MirrorRepository {

    private final Pool pool;

    public MirrorRepository(Pool pool) {
        this.pool = pool;
    }

    /** Upserts the users of one {@code GET /users} page; the number written. */
    public Uni<Integer> upsertUsers(String account, JsonArray users, OffsetDateTime syncedAt) {
        Map<String, JsonObject> byEmail = new LinkedHashMap<>();
        for (int i = 0; i < users.size(); i++) {
            JsonObject u = users.getJsonObject(i);
            if (u.getString("email") != null) {
                byEmail.put(u.getString("email"), u);
            }
        }
        if (byEmail.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<String> ids = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        List<String> first = new ArrayList<>();
        List<String> last = new ArrayList<>();
        List<String> status = new ArrayList<>();
        byEmail.forEach((email, u) -> {
            ids.add(u.getString("id"));
            emails.add(email);
            first.add(u.getString("first_name"));
            last.add(u.getString("last_name"));
            status.add(u.getString("status", "active"));
        });
        return pool.preparedQuery("""
                insert into zoom_user (account, zoom_user_id, email, first_name, last_name, status, synced_at)
                select $1, u.id, u.email, u.first_name, u.last_name, u.status, $7
                  from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) as u(id, email, first_name, last_name, status)
                on conflict (account, email) do update set zoom_user_id = excluded.zoom_user_id,
                       first_name = excluded.first_name, last_name = excluded.last_name, status = excluded.status,
                       synced_at = excluded.synced_at
                """).execute(Tuple.tuple().addString(account).addArrayOfString(ids.toArray(String[]::new))
                        .addArrayOfString(emails.toArray(String[]::new)).addArrayOfString(first.toArray(String[]::new))
                        .addArrayOfString(last.toArray(String[]::new)).addArrayOfString(status.toArray(String[]::new))
                        .addOffsetDateTime(syncedAt))
                .map(rows -> rows.rowCount());
    }

    /** Upserts the phones of one {@code GET /sip_phones/phones} page; the number written. */
    public Uni<Integer> upsertPhones(String account, JsonArray phones, OffsetDateTime syncedAt) {
        Map<String, JsonObject> byId = new LinkedHashMap<>();
        for (int i = 0; i < phones.size(); i++) {
            JsonObject p = phones.getJsonObject(i);
            String id = p.getString("phone_id", p.getString("id"));
            if (id != null && p.getString("user_email") != null) {
                byId.put(id, p);
            }
        }
        if (byId.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<String> ids = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        byId.forEach((id, p) -> {
            PhoneEmail pe = PhoneEmail.parse(p.getString("user_email"));
            ids.add(id);
            emails.add(pe.email());
            numbers.add(p.getString("user_name"));
            kinds.add(pe.kind());
        });
        return pool.preparedQuery("""
                insert into zoom_sip_phone (account, phone_id, user_email, phone_number, kind, synced_at)
                select $1, p.id, p.email, p.number, p.kind, $6
                  from unnest($2::text[], $3::text[], $4::text[], $5::text[]) as p(id, email, number, kind)
                on conflict (account, phone_id) do update set user_email = excluded.user_email,
                       phone_number = excluded.phone_number, kind = excluded.kind, synced_at = excluded.synced_at
                """).execute(Tuple.tuple().addString(account).addArrayOfString(ids.toArray(String[]::new))
                        .addArrayOfString(emails.toArray(String[]::new)).addArrayOfString(numbers.toArray(String[]::new))
                        .addArrayOfString(kinds.toArray(String[]::new)).addOffsetDateTime(syncedAt))
                .map(rows -> rows.rowCount());
    }

    /** The account's mirrored SIP phones (what the last sync saw). */
    public Uni<Long> countPhones(String account) {
        return pool.preparedQuery("select count(*) from zoom_sip_phone where account = $1").execute(Tuple.of(account))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** Removes users a full sync did not see; the number removed. */
    public Uni<Integer> removeUsersNotSeen(String account, OffsetDateTime syncStart) {
        return pool.preparedQuery("delete from zoom_user where account = $1 and (synced_at is null or synced_at < $2)")
                .execute(Tuple.of(account, syncStart)).map(rows -> rows.rowCount());
    }

    public Uni<Integer> removePhonesNotSeen(String account, OffsetDateTime syncStart) {
        return pool.preparedQuery("delete from zoom_sip_phone where account = $1 and (synced_at is null or synced_at < $2)")
                .execute(Tuple.of(account, syncStart)).map(rows -> rows.rowCount());
    }

    /** Keeps the mirror in step with what provisioning just did. */
    public Uni<Void> putPhone(String account, String phoneId, String email, String number, String kind) {
        return pool.preparedQuery("""
                insert into zoom_sip_phone (account, phone_id, user_email, phone_number, kind, synced_at)
                values ($1, $2, $3, $4, $5, now())
                on conflict (account, phone_id) do update set user_email = excluded.user_email,
                       phone_number = excluded.phone_number, kind = excluded.kind, synced_at = excluded.synced_at
                """).execute(Tuple.of(account, phoneId, email, number, kind)).replaceWithVoid();
    }

    public Uni<Void> removePhone(String account, String phoneId) {
        return pool.preparedQuery("delete from zoom_sip_phone where account = $1 and phone_id = $2")
                .execute(Tuple.of(account, phoneId)).replaceWithVoid();
    }

    /**
     * A SIP phone's {@code user_email} split into the user's email and the client instance: Zoom lets
     * one user have a phone per platform by suffixing the email ({@code .pc}, {@code .mobile}, {@code .pad}).
     * zoom-sync creates the desktop instance on the plain email and the mobile one on {@code <email>.mobile}.
     */
    public record PhoneEmail(String email, String kind) {

        public static final String DESKTOP = "desktop";
        public static final String MOBILE = "mobile";
        public static final String MOBILE_SUFFIX = ".mobile";

        public static PhoneEmail parse(String userEmail) {
            String lower = userEmail.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".mobile")) {
                return new PhoneEmail(userEmail.substring(0, userEmail.length() - 7), MOBILE);
            }
            if (lower.endsWith(".pad")) {
                return new PhoneEmail(userEmail.substring(0, userEmail.length() - 4), MOBILE);
            }
            if (lower.endsWith(".pc")) {
                return new PhoneEmail(userEmail.substring(0, userEmail.length() - 3), DESKTOP);
            }
            return new PhoneEmail(userEmail, DESKTOP);
        }
    }
}
