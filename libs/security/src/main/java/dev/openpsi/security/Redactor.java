package dev.openpsi.security;

import java.lang.reflect.RecordComponent;
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

    private Redactor() {
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
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = JSON_MEMBER.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "\"" + MASK + "\""));
        out = BEARER.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + " " + MASK));
        return KEY_VALUE.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
    }
}
