package dev.donjon.server.domain;

import dev.donjon.server.domain.access.Principal;

/**
 * Who is calling, and the request id that ties their call to its audit events and logs.
 *
 * @param credential the presented credential's non-secret name for the audit trail (token id, certificate
 *                   fingerprint), or {@code null}
 * @param source     the caller's network address, or {@code null}
 */
public record CallContext(Principal principal, String requestId, String credential, String source) {
    /** A call whose credential and address are not known (local administration, tests). */
    public CallContext(Principal principal, String requestId) {
        this(principal, requestId, null, null);
    }
}
