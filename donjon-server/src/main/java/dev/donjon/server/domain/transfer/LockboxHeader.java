package dev.donjon.server.domain.transfer;

import java.time.Instant;

/**
 * What a lockbox says about itself, under the origin's signature: who sealed it, for whom, which one it is, and when.
 *
 * @param origin    the sealing server's lockbox identity ({@code iss})
 * @param recipient the server it is sealed for ({@code aud})
 * @param lockboxId unique per lockbox ({@code jti}); the recipient refuses a second import
 * @param issuedAt  when it was sealed ({@code iat}, whole seconds)
 */
public record LockboxHeader(String origin, String recipient, String lockboxId, Instant issuedAt) {
}
