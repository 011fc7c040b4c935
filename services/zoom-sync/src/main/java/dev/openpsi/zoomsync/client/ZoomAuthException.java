package dev.openpsi.zoomsync.client;

/** The account's Zoom OAuth is not usable (never connected, refused, revoked); no Zoom call is made until it is updated. */
public class ZoomAuthException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ZoomAuthException(String message) {
        super(message, null, false, false);
    }
}
