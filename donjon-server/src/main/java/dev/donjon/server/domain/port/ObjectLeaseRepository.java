package dev.donjon.server.domain.port;

import dev.donjon.server.domain.barbican.SecretId;

import java.time.Instant;
import java.util.Optional;

/**
 * The leases KMIP Obtain Lease granted, one per object and client (KMIP 1.4 §3.20, §4.17). Deleting the object deletes
 * its leases.
 */
public interface ObjectLeaseRepository {
    /** Records (or renews) the client's lease on the object until {@code expires}. */
    void grant(SecretId id, String client, Instant expires);

    /** When the client's lease on the object ends, or empty if the client never obtained one. */
    Optional<Instant> expiry(SecretId id, String client);
}
