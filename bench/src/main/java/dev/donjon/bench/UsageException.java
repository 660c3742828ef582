package dev.donjon.bench;

/** A command line the tool cannot run; the message is printed above the usage text. */
final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
