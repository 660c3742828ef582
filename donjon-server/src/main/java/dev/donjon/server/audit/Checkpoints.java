package dev.donjon.server.audit;

import dev.donjon.server.crypto.AuditSigningKey;
import dev.donjon.server.domain.port.Store;
import dev.donjon.server.domain.audit.AuditCheckpoint;
import dev.donjon.server.domain.audit.ChainHead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Signs the chain's head periodically: every node runs one, and a checkpoint another node already wrote at the same
 * seq is kept. Events after the last checkpoint are protected by the chain and the head only (see docs/audit.md), so
 * the interval bounds what an attacker with write access to the database could cut from the end unnoticed.
 */
public final class Checkpoints implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);

    private final Store store;
    private final AuditSigningKey key;
    private final Clock clock;
    private final String node;
    private final Thread thread;

    public Checkpoints(Store store, AuditSigningKey key, Clock clock, String node, Duration interval) {
        this.store = store;
        this.key = key;
        this.clock = clock;
        this.node = node;
        this.thread = Thread.ofVirtual().name("audit-checkpoints").start(() -> {
            try {
                while (true) {
                    Thread.sleep(interval);
                    try {
                        checkpoint();
                    } catch (RuntimeException e) {
                        LOG.warn("cannot write an audit checkpoint: {}", e.toString());
                    }
                }
            } catch (InterruptedException e) {
                // closing
            }
        });
    }

    /** Signs the current head unless it is already signed; returns the checkpoint written, if any. */
    public Optional<AuditCheckpoint> checkpoint() {
        return store.write(tx -> {
            ChainHead head = tx.audit().head();
            if (head.seq() == head.originSeq()) {
                return Optional.<AuditCheckpoint>empty();
            }
            if (tx.audit().lastCheckpointSeq() >= head.seq()) {
                return Optional.<AuditCheckpoint>empty();
            }
            AuditCheckpoint signed = key.sign(head.seq(), head.hash(), clock.instant().truncatedTo(ChronoUnit.MICROS),
                    node);
            tx.audit().addCheckpoint(signed);
            return Optional.of(signed);
        });
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            checkpoint();
        } catch (RuntimeException e) {
            LOG.warn("cannot write the final audit checkpoint: {}", e.toString());
        }
    }
}
