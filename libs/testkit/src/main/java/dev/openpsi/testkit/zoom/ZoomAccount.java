package dev.openpsi.testkit.zoom;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The state of one simulated Zoom account (tenant): users and SIP phones. Reads are lock-free over
 * concurrent maps ordered by insertion sequence (list order is stable, paging is keyset-based);
 * writes take the account lock so the indexes stay consistent.
 */
final class ZoomAccount {

    final String id;
    final long accountNumber;
    private final Object lock = new Object();

    private final ConcurrentSkipListMap<Long, ZoomUser> usersBySeq = new ConcurrentSkipListMap<>();
    private final Map<String, Long> userSeqById = new ConcurrentHashMap<>();
    private final Map<String, Long> userSeqByEmail = new ConcurrentHashMap<>();
    private final EnumMap<UserStatus, Integer> statusCounts = new EnumMap<>(UserStatus.class);
    private long nextUserSeq = 1;
    private volatile String ownerUserId;

    private final ConcurrentSkipListMap<Long, SipPhone> phonesBySeq = new ConcurrentSkipListMap<>();
    private final Map<String, Long> phoneSeqById = new ConcurrentHashMap<>();
    private final Map<String, String> phoneIdByEmail = new ConcurrentHashMap<>();
    private long nextPhoneSeq = 1;
    volatile boolean sipPhoneIntegrationEnabled = true;

    ZoomAccount(String id, long accountNumber) {
        this.id = id;
        this.accountNumber = accountNumber;
        for (UserStatus s : UserStatus.values()) {
            statusCounts.put(s, 0);
        }
    }

    static String key(String email) {
        return email.toLowerCase(Locale.ROOT);
    }

    // ---------------------------------------------------------------- users

    ZoomUser addUser(String email, String firstName, String lastName, int type, UserStatus status, Instant now) {
        synchronized (lock) {
            return insertUser(new ZoomUser(Http.zoomId(), email, firstName, lastName, type, status, now));
        }
    }

    /** Bulk seeding under one lock; {@code emailPattern} is a {@link String#format} pattern fed 1..count + offset. */
    int addUsers(int count, String emailPattern, UserStatus status, int type, Instant now) {
        // the common "prefix%dsuffix" pattern is expanded without String.format (100,000 users stay fast)
        int d = emailPattern.indexOf("%d");
        boolean simple = d >= 0 && emailPattern.indexOf('%', d + 2) < 0 && emailPattern.lastIndexOf('%', d - 1) < 0;
        String prefix = simple ? emailPattern.substring(0, d) : null;
        String suffix = simple ? emailPattern.substring(d + 2) : null;
        synchronized (lock) {
            int start = usersBySeq.size();
            for (int i = 1; i <= count; i++) {
                int n = start + i;
                String number = String.valueOf(n);
                String email = simple ? prefix + number + suffix : String.format(Locale.ROOT, emailPattern, n);
                insertUser(new ZoomUser(Http.zoomId(), email, "User", number, type, status, now));
            }
            return count;
        }
    }

    private ZoomUser insertUser(ZoomUser user) {
        String key = key(user.email());
        if (userSeqByEmail.containsKey(key)) {
            throw new IllegalArgumentException("a user with email " + user.email() + " already exists in account " + id);
        }
        long seq = nextUserSeq++;
        usersBySeq.put(seq, user);
        userSeqById.put(user.id(), seq);
        userSeqByEmail.put(key, seq);
        statusCounts.merge(user.status(), 1, Integer::sum);
        if (ownerUserId == null) {
            ownerUserId = user.id();
        }
        return user;
    }

    ZoomUser setUserStatus(String idOrEmail, UserStatus status) {
        synchronized (lock) {
            Long seq = userSeq(idOrEmail);
            if (seq == null) {
                throw new IllegalArgumentException("no user " + idOrEmail + " in account " + id);
            }
            ZoomUser old = usersBySeq.get(seq);
            ZoomUser updated = old.withStatus(status);
            usersBySeq.put(seq, updated);
            statusCounts.merge(old.status(), -1, Integer::sum);
            statusCounts.merge(status, 1, Integer::sum);
            return updated;
        }
    }

    boolean removeUser(String idOrEmail) {
        synchronized (lock) {
            Long seq = userSeq(idOrEmail);
            if (seq == null) {
                return false;
            }
            ZoomUser old = usersBySeq.remove(seq);
            userSeqById.remove(old.id());
            userSeqByEmail.remove(key(old.email()));
            statusCounts.merge(old.status(), -1, Integer::sum);
            if (old.id().equals(ownerUserId)) {
                ownerUserId = usersBySeq.isEmpty() ? null : usersBySeq.firstEntry().getValue().id();
            }
            return true;
        }
    }

    private Long userSeq(String idOrEmail) {
        Long seq = userSeqById.get(idOrEmail);
        return seq != null ? seq : userSeqByEmail.get(key(idOrEmail));
    }

    /** By user ID or email (case-insensitive); null when absent. */
    ZoomUser user(String idOrEmail) {
        Long seq = userSeq(idOrEmail);
        return seq == null ? null : usersBySeq.get(seq);
    }

    String ownerUserId() {
        return ownerUserId;
    }

    void setOwner(String userId) {
        ownerUserId = userId;
    }

    int userCount(UserStatus status) {
        synchronized (lock) {
            return statusCounts.get(status);
        }
    }

    int userCount() {
        return usersBySeq.size();
    }

    /** Users after {@code afterSeq} in insertion order; a live view. */
    Map<Long, ZoomUser> usersAfter(long afterSeq) {
        return usersBySeq.tailMap(afterSeq, false);
    }

    List<ZoomUser> users() {
        return new ArrayList<>(usersBySeq.values());
    }

    // ---------------------------------------------------------------- SIP phones

    /** Stores a new phone (generating its ID unless it carries one); null when the email already has a phone. */
    SipPhone addPhone(SipPhone phone) {
        synchronized (lock) {
            String emailKey = key(phone.userEmail());
            if (phoneIdByEmail.containsKey(emailKey)) {
                return null;
            }
            SipPhone stored = phone.phoneId() == null ? phone.withPhoneId(Http.zoomId()) : phone;
            if (phoneSeqById.containsKey(stored.phoneId())) {
                throw new IllegalArgumentException("SIP phone " + stored.phoneId() + " already exists");
            }
            long seq = nextPhoneSeq++;
            phonesBySeq.put(seq, stored);
            phoneSeqById.put(stored.phoneId(), seq);
            phoneIdByEmail.put(emailKey, stored.phoneId());
            return stored;
        }
    }

    SipPhone phone(String phoneId) {
        Long seq = phoneSeqById.get(phoneId);
        return seq == null ? null : phonesBySeq.get(seq);
    }

    /** Replaces a phone (same ID, same user email); false when it no longer exists. */
    boolean replacePhone(SipPhone phone) {
        synchronized (lock) {
            Long seq = phoneSeqById.get(phone.phoneId());
            if (seq == null) {
                return false;
            }
            phonesBySeq.put(seq, phone);
            return true;
        }
    }

    SipPhone removePhone(String phoneId) {
        synchronized (lock) {
            Long seq = phoneSeqById.remove(phoneId);
            if (seq == null) {
                return null;
            }
            SipPhone old = phonesBySeq.remove(seq);
            phoneIdByEmail.remove(key(old.userEmail()));
            return old;
        }
    }

    Map<Long, SipPhone> phonesAfter(long afterSeq) {
        return phonesBySeq.tailMap(afterSeq, false);
    }

    List<SipPhone> phones() {
        return new ArrayList<>(phonesBySeq.values());
    }
}
