package dev.donjon.bench;

/** The benchmark cannot start or continue (server unreachable, TLS refused, fixtures not creatable). */
final class BenchException extends RuntimeException {
    public BenchException(String message) {
        super(message);
    }

    public BenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
