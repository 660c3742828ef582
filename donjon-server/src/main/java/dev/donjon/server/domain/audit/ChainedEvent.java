package dev.donjon.server.domain.audit;


/**
 * An audit event as the chain holds it: its place, the node that wrote it, and the hashes that link it to the event
 * before it (see {@code dev.donjon.server.audit.AuditChain}).
 */
public record ChainedEvent(long seq, String node, AuditEvent event, String previousHash, String hash) {
}
