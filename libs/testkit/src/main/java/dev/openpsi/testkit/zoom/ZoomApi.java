package dev.openpsi.testkit.zoom;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The simulated REST endpoints under {@code /v2}. Request and response shapes, required fields, limits,
 * error codes, scopes and rate-limit labels come from Zoom's published OpenAPI documents: the Users API
 * (operations {@code users}, {@code user}) and the Meeting API's SIP Phone tag (operations
 * {@code listSipPhones}, {@code createSIPPhone}, {@code updateSIPPhone}, {@code deleteSIPPhone} - marked
 * deprecated - and their successors {@code ListSIPPhonePhones}, {@code EnableSIPPhonePhones},
 * {@code UpdateSIPPhonePhones}, {@code deleteSIPPhonePhones} under {@code /sip_phones/phones}).
 */
final class ZoomApi {

    /** One endpoint: method, path template, rate-limit label and the scopes (any of) it accepts. */
    record Route(String method, String template, RateLimitCategory category, List<String> scopes) {
        String key() {
            return method + " " + template;
        }
    }

    record Response(int status, Object body) {
    }

    // Scopes and "Rate Limit Label" per operation, as printed in each operation's description.
    static final Route LIST_USERS = new Route("GET", "/users", RateLimitCategory.MEDIUM,
            List.of("user:read:admin", "user:read", "user:write:admin", "user:write", "user:read:list_users:admin"));
    static final Route GET_USER = new Route("GET", "/users/{userId}", RateLimitCategory.LIGHT,
            List.of("user:read:admin", "user:read", "user:write:admin", "user:write", "user_profile",
                    "user_info:read", "user:read:user", "user:read:user:admin"));
    static final List<String> SIP_READ = List.of("sip_phone:read:admin", "sip_phone:read:list_sip_phones:admin");
    static final List<String> SIP_CREATE = List.of("sip_phone:write:admin", "sip_phone:write:sip_phone:admin");
    static final List<String> SIP_UPDATE = List.of("sip_phone:write:admin", "sip_phone:update:sip_phone:admin");
    static final List<String> SIP_DELETE = List.of("sip_phone:write:admin", "sip_phone:delete:sip_phone:admin");
    static final Route LIST_SIP_LEGACY = new Route("GET", "/sip_phones", RateLimitCategory.MEDIUM, SIP_READ);
    static final Route CREATE_SIP_LEGACY = new Route("POST", "/sip_phones", RateLimitCategory.LIGHT, SIP_CREATE);
    static final Route UPDATE_SIP_LEGACY = new Route("PATCH", "/sip_phones/{phoneId}", RateLimitCategory.LIGHT, SIP_UPDATE);
    static final Route DELETE_SIP_LEGACY = new Route("DELETE", "/sip_phones/{phoneId}", RateLimitCategory.LIGHT, SIP_DELETE);
    static final Route LIST_SIP = new Route("GET", "/sip_phones/phones", RateLimitCategory.MEDIUM, SIP_READ);
    static final Route CREATE_SIP = new Route("POST", "/sip_phones/phones", RateLimitCategory.LIGHT, SIP_CREATE);
    static final Route UPDATE_SIP = new Route("PATCH", "/sip_phones/phones/{phoneId}", RateLimitCategory.LIGHT, SIP_UPDATE);
    static final Route DELETE_SIP = new Route("DELETE", "/sip_phones/phones/{phoneId}", RateLimitCategory.LIGHT, SIP_DELETE);

    static final List<Route> ROUTES = List.of(LIST_USERS, GET_USER, LIST_SIP_LEGACY, CREATE_SIP_LEGACY,
            UPDATE_SIP_LEGACY, DELETE_SIP_LEGACY, LIST_SIP, CREATE_SIP, UPDATE_SIP, DELETE_SIP);

    /** Matched route plus its path variable (user ID or phone ID), or null. */
    record Match(Route route, String variable) {
    }

    /** Platform suffixes Zoom lets {@code user_email} carry to add a phone per platform for one user. */
    private static final List<String> LEGACY_SUFFIXES = List.of(".win", ".mac", ".android", ".ipad", ".iphone",
            ".linux", ".pc", ".mobile", ".pad");
    private static final List<String> SUFFIXES = List.of(".pc", ".mobile", ".pad");

    private final PageTokens pageTokens;
    private final IntSupplier maxPageSize;

    ZoomApi(PageTokens pageTokens, IntSupplier maxPageSize) {
        this.pageTokens = pageTokens;
        this.maxPageSize = maxPageSize;
    }

    /** Resolves {@code /users/abc} etc.; null when the path (or method on it) is not simulated. */
    static Match match(String method, String path) {
        String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        String[] seg = p.split("/");
        // seg[0] is "" (leading slash)
        if (seg.length == 2 && seg[1].equals("users")) {
            return method.equals("GET") ? new Match(LIST_USERS, null) : null;
        }
        if (seg.length == 3 && seg[1].equals("users")) {
            return method.equals("GET") ? new Match(GET_USER, decode(seg[2])) : null;
        }
        if (seg.length == 2 && seg[1].equals("sip_phones")) {
            return switch (method) {
                case "GET" -> new Match(LIST_SIP_LEGACY, null);
                case "POST" -> new Match(CREATE_SIP_LEGACY, null);
                default -> null;
            };
        }
        if (seg.length == 3 && seg[1].equals("sip_phones") && seg[2].equals("phones")) {
            return switch (method) {
                case "GET" -> new Match(LIST_SIP, null);
                case "POST" -> new Match(CREATE_SIP, null);
                default -> null;
            };
        }
        if (seg.length == 3 && seg[1].equals("sip_phones")) {
            return switch (method) {
                case "PATCH" -> new Match(UPDATE_SIP_LEGACY, decode(seg[2]));
                case "DELETE" -> new Match(DELETE_SIP_LEGACY, decode(seg[2]));
                default -> null;
            };
        }
        if (seg.length == 4 && seg[1].equals("sip_phones") && seg[2].equals("phones")) {
            return switch (method) {
                case "PATCH" -> new Match(UPDATE_SIP, decode(seg[3]));
                case "DELETE" -> new Match(DELETE_SIP, decode(seg[3]));
                default -> null;
            };
        }
        return null;
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }

    Response handle(Match m, ZoomAccount account, OAuthServer.AccessToken token, Map<String, String> query,
            byte[] body) throws IOException {
        Route r = m.route();
        if (r == LIST_USERS) {
            return listUsers(account, query);
        }
        if (r == GET_USER) {
            return getUser(account, token, m.variable());
        }
        if (!account.sipPhoneIntegrationEnabled) {
            // SIP Phone responses: "Error Code: 200 - Permission missing: Enable SIP Phone Integration by contacting a Zoom Admin first."
            throw new ApiError(400, 200, "Permission missing: Enable SIP Phone Integration by contacting a Zoom Admin first.");
        }
        if (r == LIST_SIP_LEGACY) {
            return listPhones(account, query, true);
        }
        if (r == LIST_SIP) {
            return listPhones(account, query, false);
        }
        if (r == CREATE_SIP_LEGACY) {
            return createPhone(account, json(body), true);
        }
        if (r == CREATE_SIP) {
            return createPhone(account, json(body), false);
        }
        if (r == UPDATE_SIP_LEGACY) {
            return updatePhone(account, m.variable(), json(body), true);
        }
        if (r == UPDATE_SIP) {
            return updatePhone(account, m.variable(), json(body), false);
        }
        if (r == DELETE_SIP_LEGACY || r == DELETE_SIP) {
            if (account.removePhone(m.variable()) == null) {
                throw phoneNotFound(m.variable());
            }
            return new Response(204, null);
        }
        throw ApiError.unknownEndpoint();
    }

    // ================================================================ users

    private Response listUsers(ZoomAccount account, Map<String, String> q) {
        String token = q.get("next_page_token");
        UserStatus status;
        long afterSeq = 0;
        int pageNumber = 1;
        Integer requestedSize = pageSize(q);
        int size;
        if (token != null && !token.isEmpty()) {
            PageTokens.Cursor c = pageTokens.resolve(token, account.id, "users");
            if (c == null) {
                throw ApiError.invalidPageToken();
            }
            status = UserStatus.valueOf(c.filter());
            afterSeq = c.afterSeq();
            pageNumber = c.pageNumber();
            size = requestedSize != null ? requestedSize : c.pageSize();
        } else {
            String s = q.getOrDefault("status", "active");
            status = UserStatus.fromWire(s.isEmpty() ? "active" : s);
            if (status == null) {
                throw ApiError.validation(List.of("status"));
            }
            size = requestedSize != null ? requestedSize : 30;
            pageNumber = pageNumber(q);
        }
        final UserStatus filter = status;
        Page<ZoomUser> page = page(account.usersAfter(afterSeq), u -> u.status() == filter, size,
                token == null || token.isEmpty() ? (pageNumber - 1) * (long) size : 0);
        int total = account.userCount(status);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("next_page_token", page.hasMore
                ? pageTokens.issue(account.id, "users", status.name(), page.lastSeq, size, pageNumber + 1) : "");
        out.put("page_count", (total + size - 1) / size);
        out.put("page_number", pageNumber);
        out.put("page_size", size);
        out.put("total_records", total);
        List<Map<String, Object>> users = new ArrayList<>(page.items.size());
        for (ZoomUser u : page.items) {
            users.add(listedUser(u));
        }
        out.put("users", users);
        return new Response(200, out);
    }

    private Response getUser(ZoomAccount account, OAuthServer.AccessToken token, String userId) {
        String lookup = !"me".equals(userId) ? userId
                : token.userId() != null ? token.userId() : account.ownerUserId();
        ZoomUser u = lookup == null ? null : account.user(lookup);
        if (u == null) {
            // GET /users/{userId}: 404, "Error Code: 1001 - User does not exist: $userId."
            throw new ApiError(404, 1001, "User does not exist: " + userId + ".");
        }
        boolean owner = u.id().equals(account.ownerUserId());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", u.id());
        out.put("first_name", u.firstName());
        out.put("last_name", u.lastName());
        out.put("display_name", u.displayName());
        out.put("email", u.email());
        out.put("type", u.type());
        out.put("role_name", owner ? "Owner" : "Member");
        out.put("pmi", pmi(u));
        out.put("use_pmi", false);
        out.put("personal_meeting_url", "https://zoom.us/j/" + pmi(u));
        out.put("timezone", "UTC");
        out.put("verified", u.status() == UserStatus.PENDING ? 0 : 1);
        out.put("dept", "");
        out.put("created_at", time(u.createdAt()));
        out.put("user_created_at", time(u.createdAt()));
        out.put("language", "en-US");
        out.put("phone_number", "");
        out.put("status", u.status().wire());
        out.put("role_id", owner ? "0" : "2");
        out.put("account_id", account.id);
        out.put("account_number", account.accountNumber);
        out.put("group_ids", List.of());
        out.put("im_group_ids", List.of());
        out.put("login_types", List.of(100));
        return new Response(200, out);
    }

    private static Map<String, Object> listedUser(ZoomUser u) {
        Map<String, Object> m = new LinkedHashMap<>();
        // "id: The user's ID. The API does not return this value for users with the pending status."
        if (u.status() != UserStatus.PENDING) {
            m.put("id", u.id());
        }
        m.put("first_name", u.firstName());
        m.put("last_name", u.lastName());
        m.put("display_name", u.displayName());
        m.put("email", u.email());
        m.put("type", u.type());
        m.put("pmi", pmi(u));
        m.put("timezone", "UTC");
        m.put("verified", u.status() == UserStatus.PENDING ? 0 : 1);
        m.put("dept", "");
        m.put("user_created_at", time(u.createdAt()));
        m.put("created_at", time(u.createdAt()));
        m.put("language", "en-US");
        m.put("status", u.status().wire());
        m.put("role_id", "2");
        return m;
    }

    private static long pmi(ZoomUser u) {
        return 1_000_000_000L + Math.floorMod((long) u.id().hashCode() * 31L, 8_999_999_999L);
    }

    private static String time(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    // ================================================================ SIP phones

    private Response listPhones(ZoomAccount account, Map<String, String> q, boolean legacy) {
        String list = legacy ? "sip_phones" : "sip_phones/phones";
        String token = q.get("next_page_token");
        Integer requestedSize = pageSize(q);
        String search;
        long afterSeq = 0;
        int pageNumber = 1;
        int size;
        if (token != null && !token.isEmpty()) {
            PageTokens.Cursor c = pageTokens.resolve(token, account.id, list);
            if (c == null) {
                throw ApiError.invalidPageToken();
            }
            search = c.filter();
            afterSeq = c.afterSeq();
            pageNumber = c.pageNumber();
            size = requestedSize != null ? requestedSize : c.pageSize();
        } else {
            search = q.getOrDefault("search_key", "");
            size = requestedSize != null ? requestedSize : 30;
            pageNumber = legacy ? pageNumber(q) : 1;
        }
        String key = search.toLowerCase(Locale.ROOT);
        java.util.function.Predicate<SipPhone> filter = key.isEmpty() ? p -> true
                : p -> matchesSearch(account, p, key);
        Page<SipPhone> page = page(account.phonesAfter(afterSeq), filter, size,
                token == null || token.isEmpty() ? (pageNumber - 1) * (long) size : 0);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("next_page_token",
                page.hasMore ? pageTokens.issue(account.id, list, search, page.lastSeq, size, pageNumber + 1) : "");
        if (legacy) {
            int total = (int) account.phones().stream().filter(filter).count();
            out.put("page_count", (total + size - 1) / size);
            out.put("page_number", pageNumber);
            out.put("page_size", size);
            out.put("total_records", total);
        } else {
            out.put("page_size", size);
        }
        List<Map<String, Object>> phones = new ArrayList<>(page.items.size());
        for (SipPhone p : page.items) {
            phones.add(legacy ? legacyJson(p) : modernJson(p));
        }
        out.put("phones", phones);
        return new Response(200, out);
    }

    /** {@code search_key}: "A user's user name or email address". */
    private static boolean matchesSearch(ZoomAccount account, SipPhone p, String key) {
        if (p.userEmail().toLowerCase(Locale.ROOT).equals(key) || (p.userName() != null
                && p.userName().toLowerCase(Locale.ROOT).equals(key))) {
            return true;
        }
        ZoomUser u = owner(account, p.userEmail(), LEGACY_SUFFIXES);
        return u != null && (u.email().toLowerCase(Locale.ROOT).equals(key)
                || u.displayName().toLowerCase(Locale.ROOT).equals(key));
    }

    private Response createPhone(ZoomAccount account, ObjectNode body, boolean legacy) {
        Fields f = new Fields(body, "");
        // createSIPPhone required: authorization_name, domain, password, proxy_server, register_server,
        // user_email, user_name; EnableSIPPhonePhones required: authorization_name, domain, password, server,
        // user_email, user_name. maxLength 64 (names, domain, email), 255 (voice_mail); expire 1..127, default 60.
        String authorizationName = f.text("authorization_name", true, 64);
        String domain = f.text("domain", true, 64);
        String password = f.text("password", true, Integer.MAX_VALUE);
        String userEmail = f.email("user_email", true);
        String userName = f.text("user_name", true, 64);
        String voiceMail = f.text("voice_mail", false, 255);
        Integer expire = f.integer("registration_expire_time", 1, 127);
        SipPhone.Server s1;
        SipPhone.Server s2;
        SipPhone.Server s3;
        if (legacy) {
            s1 = f.flatServer("", true);
            s2 = f.flatServer("2", false);
            s3 = f.flatServer("3", false);
        } else {
            s1 = f.nestedServer("server", true);
            s2 = f.nestedServer("server_2", false);
            s3 = f.nestedServer("server_3", false);
        }
        f.throwIfInvalid();
        ZoomUser user = owner(account, userEmail, legacy ? LEGACY_SUFFIXES : SUFFIXES);
        if (user == null) {
            // "Error Code: 1001 - User {email} not exist or not belong to this account."
            throw new ApiError(404, 1001, "User " + userEmail + " not exist or not belong to this account.");
        }
        SipPhone phone = new SipPhone(null, userEmail, userName, authorizationName, password, domain, voiceMail,
                expire == null ? 60 : expire, s1, s2, s3);
        SipPhone stored = account.addPhone(phone);
        if (stored == null) {
            // "Error Code: 300 - SIP phone with the same email already exists."
            throw new ApiError(400, 300, "SIP phone with the same email already exists.");
        }
        return new Response(201, legacy ? legacyJson(stored) : modernJson(stored));
    }

    private Response updatePhone(ZoomAccount account, String phoneId, ObjectNode body, boolean legacy) {
        SipPhone old = account.phone(phoneId);
        if (old == null) {
            // deleteSIPPhonePhones / UpdateSIPPhonePhones: 404, "Error Code: 2305 - SIP phone does not exist: {phone_id}."
            throw phoneNotFound(phoneId);
        }
        Fields f = new Fields(body, "");
        SipPhone.Server s1;
        SipPhone.Server s2;
        SipPhone.Server s3;
        String authorizationName;
        String domain;
        String password;
        String userName;
        String voiceMail;
        if (legacy) {
            // updateSIPPhone lists as required: authorization_name, domain, password, proxy_server(2,3),
            // register_server(2,3), user_name, voice_mail; the *2/*3 and voice_mail values may be empty.
            for (String k : List.of("proxy_server2", "proxy_server3", "register_server2", "register_server3",
                    "voice_mail")) {
                f.present(k);
            }
            authorizationName = f.text("authorization_name", true, 64);
            domain = f.text("domain", true, 64);
            password = f.text("password", true, Integer.MAX_VALUE);
            userName = f.text("user_name", true, 64);
            voiceMail = f.text("voice_mail", false, 255);
            s1 = f.flatServer("", true);
            s2 = f.flatServer("2", false);
            s3 = f.flatServer("3", false);
        } else {
            authorizationName = f.text("authorization_name", false, 64);
            domain = f.text("domain", false, 64);
            password = f.text("password", false, Integer.MAX_VALUE);
            userName = f.text("user_name", false, 64);
            voiceMail = f.text("voice_mail", false, 255);
            s1 = f.patchServer("server", old.server());
            s2 = f.patchServer("server_2", old.server2());
            s3 = f.patchServer("server_3", old.server3());
        }
        Integer expire = f.integer("registration_expire_time", 1, 127);
        f.throwIfInvalid();
        SipPhone updated = new SipPhone(old.phoneId(), old.userEmail(),
                userName != null ? userName : old.userName(),
                authorizationName != null ? authorizationName : old.authorizationName(),
                password != null ? password : old.password(), domain != null ? domain : old.domain(),
                voiceMail != null ? voiceMail : old.voiceMail(),
                expire != null ? expire : old.registrationExpireTime(), s1 != null ? s1 : old.server(), s2, s3);
        if (!account.replacePhone(updated)) {
            throw phoneNotFound(phoneId);
        }
        return new Response(204, null);
    }

    private static ApiError phoneNotFound(String phoneId) {
        return new ApiError(404, 2305, "SIP phone does not exist: " + phoneId + ".");
    }

    /** The account user a (possibly platform-suffixed) SIP phone email belongs to. */
    private static ZoomUser owner(ZoomAccount account, String email, List<String> suffixes) {
        ZoomUser u = account.user(email);
        if (u != null) {
            return u;
        }
        String lower = email.toLowerCase(Locale.ROOT);
        for (String s : suffixes) {
            if (lower.endsWith(s)) {
                u = account.user(email.substring(0, email.length() - s.length()));
                if (u != null) {
                    return u;
                }
            }
        }
        return null;
    }

    /** The fields both SIP phone resources show alike; they name the id differently. */
    private static Map<String, Object> phoneJson(String idField, SipPhone p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(idField, p.phoneId());
        m.put("user_email", p.userEmail());
        m.put("user_name", p.userName());
        m.put("authorization_name", p.authorizationName());
        m.put("password", p.password());
        m.put("domain", p.domain());
        m.put("voice_mail", p.voiceMail());
        m.put("registration_expire_time", p.registrationExpireTime());
        return m;
    }

    private static Map<String, Object> legacyJson(SipPhone p) {
        Map<String, Object> m = phoneJson("id", p);
        for (int i = 1; i <= 3; i++) {
            SipPhone.Server s = p.server(i);
            String n = i == 1 ? "" : String.valueOf(i);
            m.put("register_server" + n, s == null ? "" : s.registerServer());
            m.put("proxy_server" + n, s == null ? "" : s.proxyServer());
            if (s != null && s.transportProtocol() != null) {
                m.put("transport_protocol" + n, s.transportProtocol());
            }
        }
        return m;
    }

    private static Map<String, Object> modernJson(SipPhone p) {
        Map<String, Object> m = phoneJson("phone_id", p);
        for (int i = 1; i <= 3; i++) {
            SipPhone.Server s = p.server(i);
            if (s != null) {
                Map<String, Object> sm = new LinkedHashMap<>();
                sm.put("proxy_server", s.proxyServer());
                sm.put("register_server", s.registerServer());
                if (s.transportProtocol() != null) {
                    sm.put("transport_protocol", s.transportProtocol());
                }
                m.put(i == 1 ? "server" : "server_" + i, sm);
            }
        }
        return m;
    }

    // ================================================================ paging helpers

    private static final class Page<T> {
        final List<T> items = new ArrayList<>();
        long lastSeq;
        boolean hasMore;
    }

    private static <T> Page<T> page(Map<Long, T> after, java.util.function.Predicate<T> filter, int size, long skip) {
        Page<T> page = new Page<>();
        long skipped = 0;
        for (Map.Entry<Long, T> e : after.entrySet()) {
            if (!filter.test(e.getValue())) {
                continue;
            }
            if (skipped < skip) {
                skipped++;
                continue;
            }
            if (page.items.size() == size) {
                page.hasMore = true;
                break;
            }
            page.items.add(e.getValue());
            page.lastSeq = e.getKey();
        }
        return page;
    }

    /** {@code page_size}: absent means Zoom's default 30; above the maximum is clamped to it. */
    private Integer pageSize(Map<String, String> q) {
        String raw = q.get("page_size");
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        int n;
        try {
            n = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw ApiError.validation(List.of("page_size"));
        }
        if (n < 1) {
            throw ApiError.validation(List.of("page_size"));
        }
        return Math.min(n, maxPageSize.getAsInt());
    }

    private static int pageNumber(Map<String, String> q) {
        String raw = q.get("page_number");
        if (raw == null || raw.isEmpty()) {
            return 1;
        }
        try {
            int n = Integer.parseInt(raw.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw ApiError.validation(List.of("page_number"));
    }

    private static ObjectNode json(byte[] body) throws IOException {
        if (body.length == 0) {
            throw ApiError.badJson();
        }
        JsonNode n;
        try {
            n = Http.JSON.readTree(body);
        } catch (IOException e) {
            throw ApiError.badJson();
        }
        if (!(n instanceof ObjectNode o)) {
            throw ApiError.badJson();
        }
        return o;
    }

    // ================================================================ body validation

    /** Collects invalid fields the way Zoom reports them ({@code "errors": [{"field": "server.register_server"}]}). */
    private static final class Fields {
        private final ObjectNode node;
        private final String prefix;
        private final List<String> invalid;

        Fields(ObjectNode node, String prefix) {
            this(node, prefix, new ArrayList<>());
        }

        private Fields(ObjectNode node, String prefix, List<String> invalid) {
            this.node = node;
            this.prefix = prefix;
            this.invalid = invalid;
        }

        private void bad(String field) {
            String name = prefix + field;
            if (!invalid.contains(name)) {
                invalid.add(name);
            }
        }

        void present(String field) {
            if (!node.has(field) || node.get(field).isNull()) {
                bad(field);
            }
        }

        /** A string field; null when absent. Required fields must be non-blank. */
        String text(String field, boolean required, int maxLength) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                if (required) {
                    bad(field);
                }
                return null;
            }
            if (!v.isTextual()) {
                bad(field);
                return null;
            }
            String s = v.asText();
            if ((required && s.isBlank()) || s.length() > maxLength) {
                bad(field);
            }
            return s;
        }

        String email(String field, boolean required) {
            String s = text(field, required, 64);
            if (s != null && !s.isEmpty() && !s.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                bad(field);
            }
            return s;
        }

        Integer integer(String field, int min, int max) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
                bad(field);
                return null;
            }
            return v.asInt();
        }

        String transport(String field) {
            String s = text(field, false, 16);
            if (s == null || s.isEmpty()) {
                return null;
            }
            if (!SipPhone.TRANSPORTS.contains(s)) {
                bad(field);
                return null;
            }
            return s;
        }

        /** Legacy flat server {@code n}: register_server{n}, proxy_server{n}, transport_protocol{n}. */
        SipPhone.Server flatServer(String n, boolean required) {
            String reg = text("register_server" + n, required, 255);
            String proxy = text("proxy_server" + n, required, 255);
            String transport = transport("transport_protocol" + n);
            if (isEmpty(reg) && isEmpty(proxy)) {
                return null;
            }
            if (isEmpty(reg)) {
                bad("register_server" + n);
            }
            return new SipPhone.Server(reg, proxy, transport == null ? "UDP" : transport);
        }

        /** Newer nested server object; {@code register_server} is what a registration cannot do without. */
        SipPhone.Server nestedServer(String field, boolean required) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                if (required) {
                    bad(field);
                }
                return null;
            }
            if (!(v instanceof ObjectNode o)) {
                bad(field);
                return null;
            }
            Fields sub = new Fields(o, prefix + field + ".", invalid);
            String reg = sub.text("register_server", true, 255);
            String proxy = sub.text("proxy_server", false, 255);
            String transport = sub.transport("transport_protocol");
            return new SipPhone.Server(reg, proxy, transport == null ? "UDP" : transport);
        }

        /** PATCH of a nested server: given fields replace the old ones; {@code null} JSON removes server 2/3. */
        SipPhone.Server patchServer(String field, SipPhone.Server old) {
            JsonNode v = node.get(field);
            if (v == null) {
                return old;
            }
            if (v.isNull()) {
                if (field.equals("server")) {
                    bad(field);
                    return old;
                }
                return null;
            }
            if (!(v instanceof ObjectNode o)) {
                bad(field);
                return old;
            }
            Fields sub = new Fields(o, prefix + field + ".", invalid);
            String reg = sub.text("register_server", old == null, 255);
            String proxy = sub.text("proxy_server", false, 255);
            String transport = sub.transport("transport_protocol");
            if (reg != null && reg.isBlank()) {
                sub.bad("register_server");
            }
            return new SipPhone.Server(reg != null ? reg : old == null ? "" : old.registerServer(),
                    proxy != null ? proxy : old == null ? "" : old.proxyServer(),
                    transport != null ? transport : old == null ? "UDP" : old.transportProtocol());
        }

        void throwIfInvalid() {
            if (!invalid.isEmpty()) {
                throw ApiError.validation(invalid);
            }
        }

        private static boolean isEmpty(String s) {
            return s == null || s.isEmpty();
        }
    }
}
