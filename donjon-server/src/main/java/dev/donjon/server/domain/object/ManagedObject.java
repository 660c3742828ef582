package dev.donjon.server.domain.object;

import dev.donjon.server.domain.barbican.Secret;
import dev.donjon.server.domain.barbican.SecretId;

/**
 * A secret seen as a KMIP managed object: the same row, with its lifecycle and its client-set attributes. Every secret
 * is one, whichever protocol created it.
 */
public record ManagedObject(Secret secret, Lifecycle lifecycle, ObjectAttributes attributes) {
    public SecretId id() {
        return secret.id();
    }

    public LifecycleState state() {
        return lifecycle.state();
    }
}
