package dev.donjon.server.auth;

import dev.donjon.server.domain.access.Principal;

/** The outcome of authenticating one request. */
public sealed interface AuthResult {
    record Authenticated(Principal principal) implements AuthResult {
    }

    /** Credentials were presented and are not valid (unknown, revoked or malformed token). */
    record Rejected(String reason) implements AuthResult {
    }

    /** Trusted headers are the only method on and no project was named: Barbican answers 400 here. */
    record MissingProject() implements AuthResult {
    }

    /**
     * The client's address failed to authenticate too often in the current interval: its credentials are not
     * checked until the interval ends.
     */
    record Throttled(java.time.Duration retryAfter) implements AuthResult {
    }

    /** The service that must judge the credentials (Keystone, a JWKS endpoint) cannot be asked: fail closed. */
    record Unavailable(String reason) implements AuthResult {
    }

    /** No credentials at all. */
    record Anonymous() implements AuthResult {
    }
}
