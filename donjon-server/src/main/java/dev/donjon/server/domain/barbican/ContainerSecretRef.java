package dev.donjon.server.domain.barbican;

/** A named reference from a container to a secret of the same project. */
public record ContainerSecretRef(String name, SecretId secretId) {
}
