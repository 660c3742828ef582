package dev.donjon.server.domain.object;

import dev.donjon.server.domain.barbican.SecretType;
import java.time.Instant;

/**
 * What a KMIP client asks to create or register; the key material travels separately.
 *
 * @param algorithm      the algorithm in Barbican's lower-case naming (e.g. "aes", "rsa"), or {@code null}
 * @param bitLength      the key length, or {@code null}
 * @param activationDate when the object becomes active; {@code null} leaves it pre-active until Activate
 * @param deactivationDate when an active object becomes deactivated; {@code null} for never
 * @param derived        attributes that follow from the key material (its digest, say), added once it is known
 */
public record NewObject(SecretType type, String algorithm, Integer bitLength, ObjectAttributes attributes,
                        Instant activationDate, Instant deactivationDate, Derived derived) {
    public NewObject(SecretType type, String algorithm, Integer bitLength, ObjectAttributes attributes,
                     Instant activationDate) {
        this(type, algorithm, bitLength, attributes, activationDate, null, Derived.NONE);
    }

    /** Attributes computed from the key material, which for generated keys only the service ever sees. */
    @FunctionalInterface
    public interface Derived {
        Derived NONE = (attributes, material) -> attributes;

        ObjectAttributes apply(ObjectAttributes attributes, byte[] material);
    }
}
