package dev.donjon.server.domain.barbican;

import java.time.Instant;

/** A service that declared it uses a container (e.g. a load balancer using a TLS certificate container). */
public record ContainerConsumer(String name, String url, Instant created, Instant updated) {
}
