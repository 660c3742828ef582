package dev.donjon.server.domain;

/** Who is calling, and the request id that ties their call to its audit events and logs. */
public record CallContext(Principal principal, String requestId) {
}
