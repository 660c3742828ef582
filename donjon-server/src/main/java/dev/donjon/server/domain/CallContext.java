package dev.donjon.server.domain;

import dev.donjon.server.domain.access.Principal;

/** Who is calling, and the request id that ties their call to its audit events and logs. */
public record CallContext(Principal principal, String requestId) {
}
