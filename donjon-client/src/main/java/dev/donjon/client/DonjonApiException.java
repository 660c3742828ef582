package dev.donjon.client;

/**
 * The server refused a request: its HTTP status and the reason it gave (Barbican's error {@code description}).
 * 401 means the token is unknown, revoked or expired; the client then drops what it cached with it.
 */
public class DonjonApiException extends RuntimeException {
    private final int status;

    public DonjonApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public boolean isUnauthorized() {
        return status == 401;
    }

    public boolean isNotFound() {
        return status == 404;
    }
}
