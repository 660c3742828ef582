package dev.donjon.server.store;

/**
 * The database failed (unreachable, full, constraint broken by a bug); never a domain condition. Its message names the
 * operation only: stored values stay out of it, though the cause may quote the driver.
 */
public final class StoreException extends RuntimeException {
    StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
