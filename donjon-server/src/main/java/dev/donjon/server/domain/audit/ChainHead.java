package dev.donjon.server.domain.audit;

/**
 * The chain's last event as the store records it.
 *
 * @param originSeq events at or below this sequence number predate the chain and are not linked
 * @param seq       the last chained event, {@code originSeq} while there is none
 * @param hash      that event's hash, {@code AuditChain.GENESIS} (64 zeros) while there is none
 */
public record ChainHead(long originSeq, long seq, String hash) {
}
