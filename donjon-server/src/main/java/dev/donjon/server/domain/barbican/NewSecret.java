package dev.donjon.server.domain.barbican;

import java.time.Instant;

/** What a caller asks to create; the payload travels separately so that this record can be logged. */
public record NewSecret(String name, SecretType type, String algorithm, Integer bitLength, String mode,
                        Instant expiration) {
}
