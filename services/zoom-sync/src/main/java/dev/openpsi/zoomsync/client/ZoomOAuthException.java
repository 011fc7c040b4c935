package dev.openpsi.zoomsync.client;

/** Zoom's OAuth server refused a token request; {@code error} is its OAuth error ({@code invalid_grant}...), never a secret. */
public class ZoomOAuthException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;
    private final String reason;

    public ZoomOAuthException(int status, String error, String reason) {
        super(status + " " + error + (reason == null ? "" : " (" + reason + ")"), null, false, false);
        this.status = status;
        this.error = error;
        this.reason = reason;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String reason() {
        return reason;
    }

    /** The grant or client is refused (4xx): retrying the same credentials will not help. */
    public boolean refused() {
        return status >= 400 && status < 500;
    }

    /** {@code invalid_grant} as the vendor's portal prints it: {@code InvalidGrant}. */
    public String errorName() {
        StringBuilder b = new StringBuilder();
        for (String part : error.split("_")) {
            if (!part.isEmpty()) {
                b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return b.toString();
    }
}
