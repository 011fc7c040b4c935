package dev.openpsi.security;

/** A sealed secret could not be opened; the message never contains secret material. */
public class SecretUnreadableException extends RuntimeException {

    public SecretUnreadableException(String message) {
        super(message);
    }
}
