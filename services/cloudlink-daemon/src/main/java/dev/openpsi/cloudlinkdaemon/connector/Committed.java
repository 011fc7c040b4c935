package dev.openpsi.cloudlinkdaemon.connector;

import dev.openpsi.security.ProblemException;

/**
 * The answer of a transaction that may commit a record and still refuse the request (a refused
 * clone is recorded on the component): the refusal is thrown only after the commit.
 */
record Committed<T>(T value, ProblemException refusal) {

    static <T> Committed<T> ok(T value) {
        return new Committed<>(value, null);
    }

    static <T> Committed<T> refused(ProblemException refusal) {
        return new Committed<>(null, refusal);
    }

    T orThrow() {
        if (refusal != null) {
            throw refusal;
        }
        return value;
    }
}
