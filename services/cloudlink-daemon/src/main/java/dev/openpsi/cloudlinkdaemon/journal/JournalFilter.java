package dev.openpsi.cloudlinkdaemon.journal;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.openpsi.events.ServiceName;
import dev.openpsi.events.TopicCatalogue;
import dev.openpsi.security.Problems;

/**
 * The validated filters of a journal query; every one is optional. An invalid value is refused with
 * a 400 problem naming the query parameter.
 *
 * @param type    a full {@code ce_type} (contains a dot) or a short event name such as {@code ZoomUserUpdated}
 * @param from    inclusive lower bound of {@code received_at}
 * @param to      exclusive upper bound of {@code received_at}
 * @param dlq     true: dead letters only; false: everything but dead letters
 */
public record JournalFilter(String account, String subject, String type, String topic, String service,
                            OffsetDateTime from, OffsetDateTime to, Boolean dlq) {

    private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern CE_TYPE = Pattern.compile("dev\\.openpsi\\.[a-z0-9]+(?:-[a-z0-9]+)*\\.[A-Z][A-Za-z0-9]*\\.v[1-9][0-9]{0,8}");
    private static final Pattern EVENT_NAME = Pattern.compile("[A-Z][A-Za-z0-9]{0,99}");
    private static final Pattern RFC3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");
    private static final int MAX_SUBJECT = 320;

    public static JournalFilter parse(String account, String subject, String type, String topic, String service,
            String from, String to, String dlq) {
        account = blankToNull(account);
        subject = blankToNull(subject);
        type = blankToNull(type);
        topic = blankToNull(topic);
        service = blankToNull(service);
        if (account != null && !ACCOUNT.matcher(account).matches()) {
            throw Problems.invalid("account", "is not an account id");
        }
        if (subject != null && subject.length() > MAX_SUBJECT) {
            throw Problems.invalid("subject", "is longer than " + MAX_SUBJECT + " characters");
        }
        if (type != null && !(CE_TYPE.matcher(type).matches() || EVENT_NAME.matcher(type).matches())) {
            throw Problems.invalid("type", "is neither a ce_type (dev.openpsi.<stream>.<Event>.v<N>) nor an event name");
        }
        if (topic != null && TopicCatalogue.byName(topic).isEmpty()) {
            throw Problems.invalid("topic", "is not a topic of the catalogue");
        }
        if (service != null && ServiceName.fromId(service).isEmpty()) {
            throw Problems.invalid("service", "is not an openpsi service");
        }
        OffsetDateTime start = time("from", from);
        OffsetDateTime end = time("to", to);
        if (start != null && end != null && !start.isBefore(end)) {
            throw Problems.invalid("to", "must be after from");
        }
        Boolean deadLetters = null;
        if (blankToNull(dlq) != null) {
            String v = dlq.trim().toLowerCase(Locale.ROOT);
            if (!v.equals("true") && !v.equals("false")) {
                throw Problems.invalid("dlq", "must be true or false");
            }
            deadLetters = Boolean.valueOf(v);
        }
        return new JournalFilter(account, subject, type, topic, service, start, end, deadLetters);
    }

    /** The page size: 1 to 500, default 50. */
    public static int limit(String value) {
        if (blankToNull(value) == null) {
            return 50;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= 500) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw Problems.invalid("limit", "must be an integer from 1 to 500");
    }

    boolean typeIsCeType() {
        return type != null && type.indexOf('.') >= 0;
    }

    private static OffsetDateTime time(String name, String value) {
        value = blankToNull(value);
        if (value == null) {
            return null;
        }
        if (!RFC3339.matcher(value).matches()) {
            throw Problems.invalid(name, "is not an RFC 3339 date-time");
        }
        try {
            return OffsetDateTime.parse(value.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (RuntimeException e) {
            throw Problems.invalid(name, "is not a valid date-time");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
