package dev.openpsi.security;

import java.util.List;

/** The problems every service answers the same way. */
public final class Problems {

    private Problems() {
    }

    /** Not found - also what another account's data looks like (no existence leak). */
    public static ProblemException notFound() {
        return new ProblemException(Problem.of(404, "Not Found", "no such resource"));
    }

    public static ProblemException invalid(String field, String reason) {
        return new ProblemException(Problem.validation(field + ": " + reason, List.of(new Problem.FieldError(field, reason))));
    }

    public static ProblemException conflict(String type, String detail) {
        return new ProblemException(Problem.rule(409, type, "Conflict", detail, List.of()));
    }

    public static ProblemException unprocessable(String type, String detail, String field, String reason) {
        return new ProblemException(Problem.rule(422, type, "Unprocessable request", detail,
                field == null ? List.of() : List.of(new Problem.FieldError(field, reason))));
    }
}
