package dev.donjon.server.domain;

/** A named reference from a container to a secret of the same project. */
public record ContainerSecretRef(String name, SecretId secretId) {
}
