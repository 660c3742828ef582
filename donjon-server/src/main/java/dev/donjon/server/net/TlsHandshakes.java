package dev.donjon.server.net;

import javax.net.ssl.HandshakeCompletedEvent;
import javax.net.ssl.HandshakeCompletedListener;
import javax.net.ssl.SSLSocket;
import java.util.concurrent.atomic.LongAdder;

/**
 * One listener's TLS handshakes, begun and completed, for {@code /metrics}: the difference over an interval is the
 * handshakes that failed or timed out (a scanner, a client that does not trust the server's certificate, a client
 * certificate refused). Full handshakes are a listener's most expensive work, so their rate also says how well clients
 * reuse connections.
 */
public final class TlsHandshakes implements HandshakeCompletedListener {
    private final LongAdder begun = new LongAdder();
    private final LongAdder completed = new LongAdder();

    /** Counts the socket's handshake as begun, and as completed when it completes. */
    public void watch(SSLSocket socket) {
        begun.increment();
        socket.addHandshakeCompletedListener(this);
    }

    @Override
    public void handshakeCompleted(HandshakeCompletedEvent event) {
        completed.increment();
    }

    public long begun() {
        return begun.sum();
    }

    public long completed() {
        return completed.sum();
    }
}
