package dev.donjon.server.domain.port;

import dev.donjon.server.domain.barbican.SecretId;

import java.time.Instant;
import java.util.List;

/**
 * The objects of every project whose time has come, for the lifecycle jobs. Each query is served by an index and
 * returns at most {@code limit} identifiers, the most overdue first.
 */
public interface SweepRepository {
    /** Secrets whose Barbican {@code expiration} is at or before {@code now}. */
    List<SecretId> expiredSecrets(Instant now, int limit);

    /** Pre-Active objects whose Activation Date is at or before {@code now}. */
    List<SecretId> dueActivations(Instant now, int limit);

    /** Active objects whose Deactivation Date is at or before {@code now}. */
    List<SecretId> dueDeactivations(Instant now, int limit);

    /** Destroyed (or Destroyed Compromised) objects destroyed at or before {@code cutoff}. */
    List<SecretId> destroyedBefore(Instant cutoff, int limit);
}
