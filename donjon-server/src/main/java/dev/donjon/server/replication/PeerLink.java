package dev.donjon.server.replication;

import dev.donjon.kmip.client.KmipClient;
import dev.donjon.kmip.client.KmipOperationException;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.crypto.TlsContexts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The KMIP mutual TLS connection to one push peer (lockbox.peers[].push), opened on first use and again after a
 * failure. A transport failure is an {@link IOException} (the change is not acknowledged: sent again later); the peer's
 * refusal of a change is a {@link KmipOperationException}, an answer.
 */
final class PeerLink implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private final KmipClient.Config config;
    private KmipClient client;

    PeerLink(String name, DonjonConfig.ReplicationPush push) {
        this.name = name;
        this.config = KmipClient.Config.of(push.host(), push.port(),
                        TlsContexts.client(push.serverCa(), push.clientCertificate(), push.clientKey()))
                .withTimeouts(CONNECT_TIMEOUT, READ_TIMEOUT);
    }

    String name() {
        return name;
    }

    String endpoint() {
        return config.host() + ":" + config.port();
    }

    /** Sends one signed change and waits for the peer's acknowledgement. */
    synchronized void send(String change) throws IOException, KmipOperationException {
        if (client == null) {
            client = KmipClient.connect(config);
        }
        try {
            client.call(new RequestPayload.DonjonReplicate(change.getBytes(StandardCharsets.US_ASCII)),
                    ResponsePayload.DonjonReplicate.class);
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            try {
                client.close();
            } catch (IOException e) {
                // The connection is dropped either way.
            } finally {
                client = null;
            }
        }
    }
}
