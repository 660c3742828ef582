package dev.donjon.server.net;

import java.util.concurrent.atomic.LongAdder;

/**
 * One listener's TLS handshakes, begun and (where the listener drives the handshake itself) completed, for
 * {@code /metrics}: begun minus completed over an interval is the handshakes that failed or timed out. Counted by
 * plain calls, not a {@code HandshakeCompletedListener}: JSSE notifies those on a new thread per handshake.
 */
public final class TlsHandshakes {
    private final LongAdder begun = new LongAdder();
    private final LongAdder completed = new LongAdder();

    public void begun() {
        begun.increment();
    }

    public void completed() {
        completed.increment();
    }

    public long begunCount() {
        return begun.sum();
    }

    public long completedCount() {
        return completed.sum();
    }
}
