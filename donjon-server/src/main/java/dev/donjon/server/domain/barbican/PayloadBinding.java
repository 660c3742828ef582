package dev.donjon.server.domain.barbican;

import dev.donjon.server.domain.ProjectId;

/** The identity a sealed payload is cryptographically bound to (its AAD, with the KEK version). */
public record PayloadBinding(SecretId id, ProjectId project, SecretType type) {
}
