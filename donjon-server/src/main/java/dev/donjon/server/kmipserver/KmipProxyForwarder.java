package dev.donjon.server.kmipserver;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.client.KmipClient;
import dev.donjon.kmip.enums.Operation;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.enums.ResultStatus;
import dev.donjon.kmip.message.Fields;
import dev.donjon.kmip.message.KmipMessageException;
import dev.donjon.kmip.message.ProtocolVersion;
import dev.donjon.kmip.message.RequestBatchItem;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponseBatchItem;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.crypto.TlsContexts;
import dev.donjon.server.domain.CallContext;
import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.transfer.ProxiedCalls;
import dev.donjon.server.kmipserver.operation.DonjonProxiedCall;
import dev.donjon.server.kmipserver.operation.OperationContext;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The KMIP side of proxy mode (docs/replication.md): a batch item this server refused because its object is a replica
 * is sent to the owner as a Donjon Proxied Call, over KMIP with mutual TLS (the owner's CA and this server's client
 * certificate from the peer's {@code push} settings, as replication pushes), with the caller's signed assertion bound
 * to the item's TTLV; the owner's answer to the item is the caller's. An owner that cannot be reached leaves a General
 * Failure saying so, and nothing written on either side.
 */
public final class KmipProxyForwarder {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final ProxiedCalls calls;
    private final Map<String, KmipClient.Config> owners;

    /** @param owners each owner's KMIP endpoint with the TLS context that reaches it */
    public KmipProxyForwarder(ProxiedCalls calls, Map<String, KmipClient.Config> owners) {
        this.calls = calls;
        this.owners = Map.copyOf(owners);
    }

    /**
     * The endpoint of a peer's KMIP listener for forwarding, from its {@code push} settings: KMIP 2.1, whatever the
     * forwarded item speaks (the call carries that version itself).
     */
    public static KmipClient.Config endpoint(DonjonConfig.ReplicationPush push) {
        return KmipClient.Config.of(push.host(), push.port(),
                        TlsContexts.client(push.serverCa(), push.clientCertificate(), push.clientKey()))
                .withProtocolVersion(ProtocolVersion.V2_1).withTimeouts(CONNECT_TIMEOUT, READ_TIMEOUT);
    }

    boolean reaches(String owner) {
        return owners.containsKey(owner);
    }

    /**
     * Forwards {@code item}, refused here as a replica of {@code owner}'s object, and answers it as the owner did.
     * Each item travels in its own message over its own connection: forwarded writes are rare, and a connection that
     * the owner closed while idle could otherwise turn into a write whose fate is unknown.
     */
    ResponseBatchItem forward(OperationContext context, RequestBatchItem item, String owner) {
        CallContext call = context.call();
        Operation operation = item.operation();
        Optional<byte[]> batchId = item.uniqueBatchItemId();
        Optional<String> placeholder = context.placeholder();
        RequestPayload.DonjonProxiedCall unsigned = RequestPayload.DonjonProxiedCall.of(item.payload(), operation,
                context.version(), placeholder, "");
        RequestPayload.DonjonProxiedCall request = new RequestPayload.DonjonProxiedCall(operation, context.version(),
                placeholder, unsigned.payload(), calls.assertion(call, owner, ProxiedCalls.KMIP,
                DonjonProxiedCall.target(unsigned), unsigned.payload()));
        Action action = action(operation);
        String objectId = Fields.text(item.payload(), Tag.UNIQUE_IDENTIFIER).or(() -> placeholder).orElse(null);
        ResponseBatchItem answer;
        try (KmipClient client = KmipClient.connect(owners.get(owner))) {
            answer = client.batch().add(request).send().getFirst();
        } catch (IOException e) {
            calls.recordForwarded(call, action, objectId, owner, false, "unreachable");
            return ResponseBatchItem.failure(Optional.of(operation), batchId, ResultReason.GENERAL_FAILURE,
                    "the object is a read-only replica owned by '" + owner + "', which this proxy could not reach ("
                            + e.getClass().getSimpleName() + "): nothing was written");
        }
        if (answer.resultStatus() != ResultStatus.SUCCESS) {
            ResultReason reason = answer.resultReason().orElse(ResultReason.GENERAL_FAILURE);
            calls.recordForwarded(call, action, objectId, owner, false, "KMIP " + reason.specName());
            return ResponseBatchItem.failure(Optional.of(operation), batchId, reason,
                    answer.resultMessage().orElse(reason.specName()));
        }
        try {
            ResponsePayload.DonjonProxiedCall proxied = (ResponsePayload.DonjonProxiedCall) ResponsePayload.fromTtlv(
                            Operation.DONJON_PROXIED_CALL, answer.payload().orElseThrow(() -> new KmipMessageException(
                                    ResultReason.INVALID_MESSAGE, "a successful answer without a payload")),
                            ProtocolVersion.V2_1)
                    .orElseThrow();
            ResponsePayload forwarded = proxied.answer(context.version()).filter(typed -> typed.operation()
                    == operation).orElseThrow(() -> new KmipMessageException(ResultReason.INVALID_MESSAGE,
                    "the owner answered another operation"));
            calls.recordForwarded(call, action, objectId, owner, true, "KMIP Success");
            return ResponseBatchItem.success(operation, batchId, forwarded.toTtlv(context.version()));
        } catch (KmipMessageException | ClassCastException e) {
            // The owner did act; only its answer is unreadable, which the caller must learn as such.
            calls.recordForwarded(call, action, objectId, owner, true, "KMIP Success, unreadable answer");
            return ResponseBatchItem.failure(Optional.of(operation), batchId, ResultReason.GENERAL_FAILURE,
                    "the owner '" + owner + "' performed the operation but its answer could not be read: "
                            + e.getMessage());
        }
    }

    /** What the forwarded item was, for this server's audit event: the action the owner will check. */
    private static Action action(Operation operation) {
        return switch (operation) {
            case ACTIVATE -> Action.SECRET_ACTIVATE;
            case REVOKE -> Action.SECRET_REVOKE;
            case DESTROY -> Action.SECRET_DELETE;
            default -> Action.SECRET_METADATA_WRITE;
        };
    }
}
