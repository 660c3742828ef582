package dev.donjon.server.domain;

/** A tenant. Any non-blank string of at most 255 characters, as Barbican accepts project ids from Keystone. */
public record ProjectId(String value) {
    public static final int MAX_LENGTH = 255;

    public ProjectId {
        if (value == null || value.isBlank() || value.length() > MAX_LENGTH) {
            throw new DomainException.InvalidInput("project id must be 1 to " + MAX_LENGTH + " characters");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
