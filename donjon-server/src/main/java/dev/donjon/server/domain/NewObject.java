package dev.donjon.server.domain;

import java.time.Instant;

/**
 * What a KMIP client asks to create or register; the key material travels separately.
 *
 * @param algorithm      the algorithm in Barbican's lower-case naming (e.g. "aes", "rsa"), or {@code null}
 * @param bitLength      the key length, or {@code null}
 * @param activationDate when the object becomes active; {@code null} leaves it pre-active until Activate
 */
public record NewObject(SecretType type, String algorithm, Integer bitLength, ObjectAttributes attributes,
                        Instant activationDate) {
}
