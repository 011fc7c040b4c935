package dev.openpsi.security;

import java.lang.reflect.RecordComponent;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of logs and the journal: records print with {@link Secret} components masked,
 * and free text has credentials scrubbed (key=value, JSON members and Authorization headers whose
 * name says password, secret, token, credential or authorization).
 */
public final class Redactor {

    public static final String MASK = "***";

    private static final String NAMES = "[A-Za-z0-9_.-]*(?:password|passwd|secret|token|credential|authorization|api[_-]?key)[A-Za-z0-9_.-]*";
    private static final Pattern JSON_MEMBER = Pattern.compile(
            "(\"" + NAMES + "\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern KEY_VALUE = Pattern.compile(
            "(\\b" + NAMES + "\\s*[=:]\\s*)(?!\\*\\*\\*)([^\\s,;&\"'})\\]]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern BEARER = Pattern.compile("(?i)\\b(Bearer|Basic)\\s+[A-Za-z0-9._~+/=-]+");

    /**
     * Words every credential the patterns below find must contain (lower case). Most text holds
     * none of them; checking for them first spares it the patterns, whose leading name class makes
     * them try every position of the text.
     */
    private static final String[] HINTS = {"passw", "secret", "token", "credential", "authorization", "api", "private",
        "bearer", "basic"};

    private Redactor() {
    }

    /** False when {@code text} cannot hold anything {@link #scrub} or a secret-looking name would catch. */
    public static boolean mayHoldSecret(String text) {
        if (text == null || text.length() < 3) {
            return false;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (String hint : HINTS) {
            if (lower.contains(hint)) {
                return true;
            }
        }
        return false;
    }

    /** A record's {@code toString} with every {@link Secret} component masked. */
    public static String toString(Record record) {
        StringBuilder out = new StringBuilder(record.getClass().getSimpleName()).append('[');
        RecordComponent[] components = record.getClass().getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            if (i > 0) {
                out.append(", ");
            }
            out.append(c.getName()).append('=');
            if (c.isAnnotationPresent(Secret.class)) {
                out.append(MASK);
            } else {
                try {
                    Object value = c.getAccessor().invoke(record);
                    out.append(value instanceof Record r ? toString(r) : value);
                } catch (ReflectiveOperationException e) {
                    out.append('?');
                }
            }
        }
        return out.append(']').toString();
    }

    /** Free text with credentials replaced by {@value #MASK}. */
    public static String scrub(String text) {
        if (!mayHoldSecret(text)) {
            return text;
        }
        String out = JSON_MEMBER.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "\"" + MASK + "\""));
        out = BEARER.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + " " + MASK));
        return KEY_VALUE.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
    }
}
