package dev.openpsi.security;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem details body ({@code application/problem+json}). {@code errors} names each
 * offending field with its reason, so a client can show the message next to the input.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final URI ABOUT_BLANK = URI.create("about:blank");
    private static final String TYPE_BASE = "https://openpsi.dev/problems/";

    /** One invalid input: a JSON pointer-like field path and why it was refused. */
    public record FieldError(String field, String reason) {
    }

    public static Problem of(int status, String title, String detail) {
        return new Problem(ABOUT_BLANK, title, status, detail, null, List.of());
    }

    public static Problem validation(String detail, List<FieldError> errors) {
        return new Problem(URI.create(TYPE_BASE + "validation"), "Invalid request", 400, detail, null, List.copyOf(errors));
    }

    /** A refused domain rule (RFC 9457 section 4: a problem type of our own), e.g. 409 or 422. */
    public static Problem rule(int status, String type, String title, String detail, List<FieldError> errors) {
        return new Problem(URI.create(TYPE_BASE + type), title, status, detail, null, List.copyOf(errors));
    }

    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, errors);
    }
}
