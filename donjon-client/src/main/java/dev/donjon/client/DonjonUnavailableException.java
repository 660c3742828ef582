package dev.donjon.client;

/** No node answered: every URL failed to connect or kept failing within the client's attempts. */
public class DonjonUnavailableException extends RuntimeException {
    public DonjonUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
