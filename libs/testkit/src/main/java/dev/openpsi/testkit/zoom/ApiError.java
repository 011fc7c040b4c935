package dev.openpsi.testkit.zoom;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Zoom REST API error: HTTP status plus Zoom's body {@code {"code": ..., "message": ...}}, with
 * {@code "errors": [{"field", "message"}]} for validation failures (developers.zoom.us/docs/api/errors,
 * "Error response when sending invalid fields").
 */
final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final int status;
    final int code;
    final List<String> invalidFields;

    ApiError(int status, int code, String message) {
        this(status, code, message, List.of());
    }

    ApiError(int status, int code, String message, List<String> invalidFields) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.invalidFields = List.copyOf(invalidFields);
    }

    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", getMessage());
        if (!invalidFields.isEmpty()) {
            body.put("errors", invalidFields.stream()
                    .map(f -> Map.of("field", f, "message", "Invalid field.")).toList());
        }
        return body;
    }

    // ---- the errors the Zoom API reference lists for the simulated endpoints ----

    /** 401, code 124 (e.g. ListSIPPhonePhones responses: "Invalid access token."). */
    static ApiError invalidToken() {
        return new ApiError(401, 124, "Invalid access token.");
    }

    /** 401, code 124 (Users API, GET /users 400/124 "Access token is expired."; Zoom answers it with 401). */
    static ApiError expiredToken() {
        return new ApiError(401, 124, "Access token is expired.");
    }

    /** 400, code 300 (GET /users: "The next page token is invalid or expired."). */
    static ApiError invalidPageToken() {
        return new ApiError(400, 300, "The next page token is invalid or expired.");
    }

    /** 400, code 300, "Validation Failed." with the offending fields. */
    static ApiError validation(List<String> fields) {
        return new ApiError(400, 300, "Validation Failed.", fields);
    }

    /** 400, code 300 (errors doc: "Request Body should be a valid JSON object."). */
    static ApiError badJson() {
        return new ApiError(400, 300, "Request Body should be a valid JSON object.");
    }

    /** 404, code 2300 (GET /users 400/2300 "This API endpoint is not recognized."). */
    static ApiError unknownEndpoint() {
        return new ApiError(404, 2300, "This API endpoint is not recognized.");
    }
}
