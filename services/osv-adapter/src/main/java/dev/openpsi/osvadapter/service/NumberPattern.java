package dev.openpsi.osvadapter.service;

import java.util.regex.Pattern;

/**
 * A search over OSV numbers as the PBX manager types it: digits and '+', where '*' stands for any
 * run of characters ({@code *7123*} contains 7123, {@code +4989*} starts with +4989). Without a
 * '*' the pattern must match the whole number.
 */
public final class NumberPattern {

    /** What a search may contain; empty means no search. */
    public static final String SYNTAX = "[+0-9*]{0,32}";
    private static final Pattern VALID = Pattern.compile("[+0-9*]{1,32}");

    private NumberPattern() {
    }

    /** The SQL LIKE pattern of {@code search}; it has no LIKE metacharacters of its own to escape. */
    static String toLike(String search) {
        if (!VALID.matcher(search).matches()) {
            throw new IllegalArgumentException("not a number search: " + search);
        }
        return search.replaceAll("\\*+", "%");
    }
}
