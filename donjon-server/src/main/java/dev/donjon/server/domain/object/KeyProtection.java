package dev.donjon.server.domain.object;

import dev.donjon.server.domain.DomainException;
import java.util.Optional;

/**
 * Whether an object's key material may leave the server, and how: KMIP's Sensitive and Extractable (KMIP 1.4 §3.48,
 * §3.50; 2.1 §4.23, §4.55). Both protocols serve the same store, so both obey it: a key its creator made
 * non-extractable over KMIP does not come out in the clear over REST either.
 *
 * @param sensitive   the key material leaves the server only wrapped under another key
 * @param extractable the key material leaves the server at all; otherwise it is only used inside it
 */
public record KeyProtection(boolean sensitive, boolean extractable) {
    /** What an object has unless its creator chose otherwise, and what every secret stored over REST has. */
    public static final KeyProtection DEFAULT = new KeyProtection(false, true);

    /** How key material would leave the server. */
    public enum Exposure { CLEAR, WRAPPED }

    /** Why key material stays in the server. */
    public enum Refusal { NOT_EXTRACTABLE, SENSITIVE }

    public KeyProtection withSensitive(boolean value) {
        return new KeyProtection(value, extractable);
    }

    public KeyProtection withExtractable(boolean value) {
        return new KeyProtection(sensitive, value);
    }

    /** Why the key material may not leave the server as {@code exposure}, if it may not. */
    public Optional<Refusal> refusal(Exposure exposure) {
        if (!extractable) {
            return Optional.of(Refusal.NOT_EXTRACTABLE);
        }
        return switch (exposure) {
            case CLEAR -> sensitive ? Optional.of(Refusal.SENSITIVE) : Optional.empty();
            case WRAPPED -> Optional.empty();
        };
    }

    /** @throws DomainException.Withheld if the key material may not leave the server as {@code exposure} */
    public void requireServable(Exposure exposure) {
        Optional<Refusal> refusal = refusal(exposure);
        if (refusal.isPresent()) {
            throw new DomainException.Withheld(refusal.get());
        }
    }
}
