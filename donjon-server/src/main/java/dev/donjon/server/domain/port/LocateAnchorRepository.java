package dev.donjon.server.domain.port;

import java.time.Instant;

/**
 * The places kept for deleted objects in Locate's order, so that a Locate paging after one of them (Donjon's
 * x-donjon-after filter, docs/kmip-server.md) still finds where it stood. {@link SecretRepository#delete} records
 * them; they are kept for the anchor retention and then forgotten, after which such an anchor is refused as unknown.
 */
public interface LocateAnchorRepository {
    /**
     * Forgets at most {@code limit} places of objects deleted before {@code cutoff}, the longest deleted first, through
     * the index on the time of deletion. Safe to run on two nodes at once: a place both find is forgotten once, and
     * the other simply forgets fewer.
     *
     * @return how many it forgot; fewer than {@code limit} when none older is left
     */
    int forgetDeletedBefore(Instant cutoff, int limit);
}
