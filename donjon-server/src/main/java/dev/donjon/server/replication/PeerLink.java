package dev.donjon.server.replication;

import dev.donjon.kmip.client.KmipClient;
import dev.donjon.kmip.client.KmipOperationException;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.crypto.TlsContexts;
import dev.donjon.server.domain.replication.Subscription;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The KMIP mutual TLS connection to one push peer (lockbox.peers[].push), opened on first use and again after a
 * failure. A transport failure is an {@link IOException} (the change is not acknowledged: sent again later); the peer's
 * refusal of a change is a {@link KmipOperationException}, an answer.
 */
final class PeerLink implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    /** A batch of a few hundred changes, each its own transaction at the peer, takes a while on a loaded machine. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final KmipClient.Config config;
    private final Subscription subscription;
    private KmipClient client;

    PeerLink(String name, DonjonConfig.ReplicationPush push) {
        this.name = name;
        this.subscription = new Subscription(java.util.Set.copyOf(push.projects()), java.util.Set.copyOf(push.groups()));
        this.config = KmipClient.Config.of(push.host(), push.port(),
                        TlsContexts.client(push.serverCa(), push.clientCertificate(), push.clientKey()))
                .withTimeouts(CONNECT_TIMEOUT, READ_TIMEOUT);
    }

    String name() {
        return name;
    }

    /** Which of this server's objects the peer receives. */
    Subscription subscription() {
        return subscription;
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

    /**
     * The peer's answer to a batch: the highest change number it got through (every change of the batch up to it
     * applied, found applied already, or refused), how many of the batch's changes that is, from the first, and those
     * it refused, each with the peer's reason.
     */
    record BatchAnswer(long through, int processed, List<Refusal> refused) {
        record Refusal(long sequence, String object, String reason) {
        }
    }

    /** Sends a batch of signed changes and waits for the peer's answer. */
    synchronized BatchAnswer sendBatch(String batch) throws IOException, KmipOperationException {
        if (client == null) {
            client = KmipClient.connect(config);
        }
        ResponsePayload.DonjonReplicate answer;
        try {
            answer = client.call(new RequestPayload.DonjonReplicate(batch.getBytes(StandardCharsets.US_ASCII)),
                    ResponsePayload.DonjonReplicate.class);
        } catch (IOException e) {
            close();
            throw e;
        }
        byte[] data = answer.answer().orElseThrow(() -> new IOException(name + " answered a batch without saying "
                + "how far it applied it (a server without batches?)"));
        JsonNode json = JSON.readTree(data);
        if (!json.path("through").canConvertToLong()) {
            throw new IOException(name + " answered a batch without 'through'");
        }
        List<BatchAnswer.Refusal> refused = new ArrayList<>();
        for (JsonNode item : json.path("refused")) {
            refused.add(new BatchAnswer.Refusal(item.path("seq").asLong(), item.path("object").asText(),
                    item.path("reason").asText()));
        }
        return new BatchAnswer(json.path("through").asLong(),
                json.path("applied").asInt() + json.path("ignored").asInt() + refused.size(), List.copyOf(refused));
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
