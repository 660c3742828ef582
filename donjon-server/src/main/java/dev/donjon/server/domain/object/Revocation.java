package dev.donjon.server.domain.object;

/** @param message the revoker's free-text explanation, or {@code null} */
public record Revocation(RevocationReason reason, String message) {
    public Revocation {
        if (reason == null) {
            throw new IllegalArgumentException("a revocation needs a reason");
        }
    }
}
