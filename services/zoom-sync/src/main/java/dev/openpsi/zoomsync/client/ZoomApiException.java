package dev.openpsi.zoomsync.client;

/**
 * A Zoom answer that is not a success, or no answer at all (status 0: timeout, connection refused).
 * {@link #getMessage()} has the vendor's shape, {@code Zoom(GET /v2/users): 404 1001 User does not exist}.
 * Never carries a secret.
 */
public class ZoomApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final int code;
    private final String zoomMessage;

    public ZoomApiException(String method, String path, int status, int code, String zoomMessage, Throwable cause) {
        super("Zoom(" + method + " /v2" + path + "): " + (status == 0 ? "no answer" : status + (code == 0 ? "" : " " + code))
                + (zoomMessage == null ? "" : " " + zoomMessage), cause, false, false);
        this.status = status;
        this.code = code;
        this.zoomMessage = zoomMessage;
    }

    public int status() {
        return status;
    }

    /** Zoom's error {@code code} (e.g. 1001 user does not exist, 300 phone exists, 2305 phone does not exist); 0 if none. */
    public int code() {
        return code;
    }

    public String zoomMessage() {
        return zoomMessage;
    }

    /** Server side or no answer: worth trying again later. */
    public boolean transientFailure() {
        return status == 0 || status >= 500 || status == 429;
    }
}
