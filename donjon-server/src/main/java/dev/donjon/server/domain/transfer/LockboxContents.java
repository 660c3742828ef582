package dev.donjon.server.domain.transfer;

import dev.donjon.server.domain.barbican.SecretType;
import dev.donjon.server.domain.keys.Plaintext;
import dev.donjon.server.domain.object.Lifecycle;
import dev.donjon.server.domain.object.ObjectAttributes;

/**
 * The encrypted part of a lockbox: one managed object, its attributes and lifecycle, and its key material. Closing it
 * zeroes the material.
 *
 * @param objectId  the object's identifier at the origin, which the import keeps
 * @param algorithm Barbican's lower-case algorithm name, or {@code null}
 * @param bitLength the key length, or {@code null}
 */
public record LockboxContents(String objectId, SecretType type, String algorithm, Integer bitLength,
                              Lifecycle lifecycle, ObjectAttributes attributes, Plaintext material)
        implements AutoCloseable {
    @Override
    public void close() {
        material.close();
    }

    @Override
    public String toString() {
        return "LockboxContents[" + objectId + ", " + type + "]";
    }
}
