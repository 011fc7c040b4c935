package dev.openpsi.osvadapter.service;

import java.util.List;
import java.util.function.Function;

/** One keyset page; {@code next} is the key to continue after, null on the last page. */
public record Listing<T>(List<T> items, String next) {

    /** The page of a query that asked for {@code limit + 1} rows: one more row means there is a next page. */
    static <T> Listing<T> of(List<T> rows, int limit, Function<T, String> key) {
        return rows.size() > limit
                ? new Listing<>(rows.subList(0, limit), key.apply(rows.get(limit - 1)))
                : new Listing<>(rows, null);
    }
}
