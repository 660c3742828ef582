package dev.donjon.server.kmipserver;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.TtlvBinary;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.BatchErrorContinuationOption;
import dev.donjon.kmip.enums.Operation;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.enums.ResultStatus;
import dev.donjon.kmip.message.KmipFieldException;
import dev.donjon.kmip.message.KmipMessageException;
import dev.donjon.kmip.message.ProtocolVersion;
import dev.donjon.kmip.message.ReceivedBatchItem;
import dev.donjon.kmip.message.ReceivedRequest;
import dev.donjon.kmip.message.RequestBatchItem;
import dev.donjon.kmip.message.RequestHeader;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponseBatchItem;
import dev.donjon.kmip.message.ResponseHeader;
import dev.donjon.kmip.message.ResponseMessage;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.kmip.message.VersionTable;
import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.domain.CallContext;
import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.object.KeyCryptography;
import dev.donjon.server.domain.object.KeyService;
import dev.donjon.server.domain.pki.KeyCertification;
import dev.donjon.server.domain.pki.X509Engine;
import dev.donjon.server.domain.access.Principal;
import dev.donjon.server.kmipserver.operation.ClientText;
import dev.donjon.server.kmipserver.operation.KmipError;
import dev.donjon.server.kmipserver.operation.KmipOperation;
import dev.donjon.server.kmipserver.operation.OperationContext;
import dev.donjon.server.kmipserver.operation.Operations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Request Message in, Response Message out: the header, the batch with its error continuation option, each item's
 * payload decoded with the library's grammar for the operation class that serves it and its answer encoded for the
 * negotiated version, and the single mapping of failures to Result Status and Result Reason.
 */
public final class KmipProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(KmipProcessor.class);

    private final KeyService keys;
    private final Clock clock;
    private final Operations operations;
    /** The operations over the server's own KeyService; an Undo batch makes a set over its transaction. */
    private final Map<Operation, KmipOperation<?, ?>> served;

    /**
     * @param cryptography  what the cryptographic operations compute with, so that none reads key material itself
     * @param x509          reads the certificates a client registers
     * @param certification signs Certify and Re-certify with the projects' CAs
     * @param leaseTime     what Obtain Lease grants; zero for no lease limit
     */
    public KmipProcessor(KeyService keys, KeyCryptography cryptography, X509Engine x509, KeyCertification certification,
                         SecureRandom random, Clock clock, Duration leaseTime) {
        this.keys = keys;
        this.clock = clock;
        this.operations = new Operations(cryptography, x509, random, clock, leaseTime, certification);
        this.served = new java.util.EnumMap<>(operations.over(keys));
    }

    /**
     * Serves a Donjon extension that works through more than the key service (Donjon Replicate, over the lockbox
     * service: docs/replication.md). Called before the listener starts.
     */
    public void serveExtension(Operation operation, KmipOperation<?, ?> extension) {
        served.put(operation, extension);
    }

    private volatile KmipProxyForwarder forwarding;

    /**
     * Proxy mode (docs/replication.md): a batch item refused because its object is a replica is forwarded to the
     * owner by {@code forwarder}. Called before the listener starts.
     */
    public void forwardTo(KmipProxyForwarder forwarder) {
        this.forwarding = forwarder;
    }

    /**
     * Serves an operation a peer forwarded (Donjon Proxied Call) as the caller it asserted: as any item, except that
     * a refusal is never forwarded again and Donjon's own extensions are not served this way.
     */
    public ResponsePayload serveForwarded(OperationContext context, RequestPayload request) {
        if (Integer.compareUnsigned(request.operation().code(), 0x80000000) >= 0) {
            throw new KmipError(ResultReason.OPERATION_NOT_SUPPORTED, request.operation().specName()
                    + " is not forwarded");
        }
        return run(context, served, request.operation(), request);
    }

    /** Serves one decoded message for {@code principal}; never throws for anything the client sent. */
    public Ttlv process(Ttlv message, Principal principal) {
        return process(message, principal, null, null);
    }

    /**
     * @param credential the audit trail's name for the client's credential (its certificate's fingerprint), or null
     * @param source     the client's address, or null
     */
    public Ttlv process(Ttlv message, Principal principal, String credential, String source) {
        Map<ResponseBatchItem, SentItem> measured = new IdentityHashMap<>();
        return encoded(answer(message, principal, credential, source, measured), measured);
    }

    /**
     * The one place an answer becomes TTLV: in the negotiated version, without any tag, field, attribute or
     * enumeration value newer than it (the library's VersionTable), whichever handler built it. {@code
     * VersionTable.restrict} decides each item by its own tag and its parent's, so the message restricted is its
     * header and batch items each restricted: a batch item the Maximum Response Size check already restricted (in
     * {@code measured}) is not converted again.
     */
    private static Ttlv encoded(ResponseMessage response, Map<ResponseBatchItem, SentItem> measured) {
        ProtocolVersion version = response.header().protocolVersion();
        if (measured.isEmpty()) {
            return VersionTable.restrict(response.toTtlv(), version).orElseThrow();
        }
        List<Ttlv> children = new ArrayList<>(1 + response.items().size());
        children.add(VersionTable.restrict(response.header().toTtlv(), version).orElseThrow());
        for (ResponseBatchItem item : response.items()) {
            SentItem sent = measured.get(item);
            children.add(sent != null ? sent.ttlv() : VersionTable.restrict(item.toTtlv(), version).orElseThrow());
        }
        return new Structure(Tag.RESPONSE_MESSAGE, children);
    }

    /** A batch item as it is sent (restricted to the negotiated version) and its size on the wire. */
    private record SentItem(Ttlv ttlv, long size) {
    }

    /**
     * @param measured where the Maximum Response Size check leaves the batch items it restricted and measured, for
     *                 {@link #encoded} to send as they are
     */
    private ResponseMessage answer(Ttlv message, Principal principal, String credential, String source,
                                   Map<ResponseBatchItem, SentItem> measured) {
        ReceivedRequest request;
        try {
            request = ReceivedRequest.fromTtlv(message);
        } catch (KmipMessageException e) {
            // With its header read, the refusal speaks the client's version, as for any failure after the header.
            Optional<ProtocolVersion> offered = e.requestHeader().map(RequestHeader::protocolVersion);
            Optional<ProtocolVersion> version = offered.flatMap(KmipProcessor::negotiated);
            if (offered.isPresent() && version.isEmpty()) {
                return unsupported(offered.get());
            }
            return refusal(version.orElse(ProtocolVersion.V1_0), e.reason(), e.getMessage());
        }
        RequestHeader header = request.header();
        Optional<ProtocolVersion> negotiated = negotiated(header.protocolVersion());
        if (negotiated.isEmpty()) {
            return unsupported(header.protocolVersion());
        }
        ProtocolVersion version = negotiated.get();
        OperationContext context = new OperationContext(new CallContext(principal, "kmip-" + UUID.randomUUID(),
                credential, source),
                version);
        // The call id is the Server Correlation Value (KMIP 1.4 §6.19, 2.1 §9.10): the one the audit trail records, so
        // that an operator can find a client's request there. The client's own value is logged beside it (§6.18).
        // It is sent only to a client that sent a Client Correlation Value, so speaks of correlation: PyKMIP 0.10 at
        // 1.4 and 2.0 refuses a response header holding a field it does not know. Before 1.4 the field does not exist
        // (VersionTable drops it).
        if (LOG.isDebugEnabled()) {
            header.clientCorrelationValue().ifPresent(client -> LOG.debug("KMIP request {} carries client "
                    + "correlation value '{}'", context.call().requestId(), ClientText.printable(client)));
        }
        Batch batch = new Batch(context, request.items(), version, header.maximumResponseSize(),
                header.clientCorrelationValue().isPresent(), measured);
        BatchErrorContinuationOption onError = header.effectiveBatchErrorContinuationOption();
        List<ResponseBatchItem> responses = onError == BatchErrorContinuationOption.UNDO ? undoable(batch)
                : serve(batch, served, onError == BatchErrorContinuationOption.CONTINUE);
        return responseMessage(version, responses, serverCorrelationValue(batch));
    }

    private static Optional<String> serverCorrelationValue(Batch batch) {
        return batch.correlated() ? Optional.of(batch.context().call().requestId()) : Optional.empty();
    }

    /**
     * @param correlated whether the client sent a Client Correlation Value
     * @param measured   the answers the Maximum Response Size check restricted and measured, by identity
     */
    private record Batch(OperationContext context, List<ReceivedBatchItem> items, ProtocolVersion version,
                         Optional<Integer> maximumSize, boolean correlated, Map<ResponseBatchItem, SentItem> measured) {
    }

    /** Serves the items in order; unless told to go on, the first failure ends the batch. */
    private List<ResponseBatchItem> serve(Batch batch, Map<Operation, KmipOperation<?, ?>> operations, boolean goOn) {
        return serve(batch, operations, goOn, true);
    }

    /**
     * @param mayForward whether a replica's refusal may be forwarded to the owner (not in an Undo batch: what the
     *                   owner did cannot be undone with the batch's transaction)
     */
    private List<ResponseBatchItem> serve(Batch batch, Map<Operation, KmipOperation<?, ?>> operations, boolean goOn,
                                          boolean mayForward) {
        List<ResponseBatchItem> responses = new ArrayList<>();
        for (ReceivedBatchItem item : batch.items()) {
            ResponseBatchItem response = serve(batch.context(), operations, item, mayForward);
            if (batch.maximumSize().isPresent()
                    && tooLarge(batch, responses, response, batch.maximumSize().get())) {
                // KMIP 1.4 §6.3: the item that would exceed the client's Maximum Response Size fails instead.
                response = failure(response.operation(), response.uniqueBatchItemId(), ResultReason.RESPONSE_TOO_LARGE,
                        "the response would exceed the Maximum Response Size");
            }
            responses.add(response);
            if (!succeeded(response) && !goOn) {
                break;
            }
        }
        return responses;
    }

    /**
     * Batch Error Continuation Option Undo (KMIP 1.4 §6.13, 2.1 §11.5): the items run in one store transaction; when
     * one fails the transaction rolls back, so the items before it are answered Operation Undone, the failed one with
     * its error, and the items after it, never processed, are not answered. An undone item names the objects it had
     * acted on but returns none of its results (ciphertext, signature, key material): a use that hands over its result
     * cannot be undone, and the use's audit event and its count against Usage Limits roll back with the rest.
     */
    private List<ResponseBatchItem> undoable(Batch batch) {
        try {
            return keys.atomically(batch.context().call(), joined -> {
                List<ResponseBatchItem> responses = serve(batch, operations.over(joined), false, false);
                if (!succeeded(responses.getLast())) {
                    throw new Undone(responses);
                }
                return responses;
            });
        } catch (Undone undone) {
            List<ResponseBatchItem> responses = new ArrayList<>();
            for (ResponseBatchItem response : undone.responses.subList(0, undone.responses.size() - 1)) {
                responses.add(undone(response));
            }
            responses.add(undone.responses.getLast());
            return responses;
        } catch (RuntimeException e) {
            // The commit itself failed: nothing the batch did was kept, and every item says so.
            LOG.error("KMIP batch could not be committed", e);
            List<ResponseBatchItem> responses = new ArrayList<>();
            for (ReceivedBatchItem item : batch.items()) {
                responses.add(failure(item.operation(), item.uniqueBatchItemId(), ResultReason.GENERAL_FAILURE,
                        "the server could not complete the batch; nothing was changed"));
            }
            return responses;
        }
    }

    /** Carries the answers of an Undo batch out of the transaction it rolls back. */
    private static final class Undone extends RuntimeException {
        private final transient List<ResponseBatchItem> responses;

        Undone(List<ResponseBatchItem> responses) {
            super("a batch item failed", null, false, false);
            this.responses = responses;
        }
    }

    private static boolean succeeded(ResponseBatchItem response) {
        return response.resultStatus() == ResultStatus.SUCCESS;
    }

    /** What an undone item still says: which objects it acted on. */
    private static final java.util.Set<Integer> UNDONE_PAYLOAD = java.util.Set.of(Tag.UNIQUE_IDENTIFIER.code(),
            Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER.code(), Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER.code(), Tag.OBJECT_TYPE.code());

    private static ResponseBatchItem undone(ResponseBatchItem response) {
        return new ResponseBatchItem(response.operation(), response.uniqueBatchItemId(), ResultStatus.OPERATION_UNDONE,
                response.resultReason(), response.resultMessage(), response.asynchronousCorrelationValue(),
                response.payload().map(payload -> new Structure(Tag.RESPONSE_PAYLOAD, payload.children().stream()
                        .filter(item -> UNDONE_PAYLOAD.contains(item.tag())).toList())));
    }

    /**
     * Whether the message would exceed {@code maximum} bytes on the wire with {@code next} added: its header and items
     * as they are sent (restricted to the client's version), each item restricted and measured once, and kept in the
     * batch for {@link #encoded} to send.
     */
    private boolean tooLarge(Batch batch, List<ResponseBatchItem> earlier, ResponseBatchItem next, int maximum) {
        ResponseHeader header = responseHeader(batch.version(), earlier.size() + 1, serverCorrelationValue(batch));
        long size = TtlvBinary.encodedSize(new Structure(Tag.RESPONSE_MESSAGE, List.of()))
                + TtlvBinary.encodedSize(VersionTable.restrict(header.toTtlv(), batch.version()).orElseThrow());
        for (ResponseBatchItem item : earlier) {
            size += sent(batch, item).size();
        }
        return size + sent(batch, next).size() > maximum;
    }

    private static SentItem sent(Batch batch, ResponseBatchItem item) {
        return batch.measured().computeIfAbsent(item, answered -> {
            Ttlv ttlv = VersionTable.restrict(answered.toTtlv(), batch.version()).orElseThrow();
            return new SentItem(ttlv, TtlvBinary.encodedSize(ttlv));
        });
    }

    /** The response to a message that could not even be decoded, but whose header said it was one. */
    public Ttlv invalidMessage(String why) {
        return encoded(refusal(ProtocolVersion.V1_0, ResultReason.INVALID_MESSAGE, why), Map.of());
    }

    private ResponseBatchItem serve(OperationContext context, Map<Operation, KmipOperation<?, ?>> operations,
                                    ReceivedBatchItem received, boolean mayForward) {
        return switch (received) {
            case ReceivedBatchItem.Refused refused ->
                    failure(refused.operation(), refused.uniqueBatchItemId(), refused.reason(), refused.message());
            case ReceivedBatchItem.Readable readable -> serve(context, operations, readable.item(), mayForward);
        };
    }

    /** What the node does with each answered batch item: metrics. */
    @FunctionalInterface
    public interface Observer {
        void completed(Operation operation, ResultStatus result, long nanos);
    }

    private volatile Observer observer = (operation, result, nanos) -> { };

    public void observe(Observer observing) {
        this.observer = observing;
    }

    private ResponseBatchItem serve(OperationContext context, Map<Operation, KmipOperation<?, ?>> operations,
                                    RequestBatchItem item, boolean mayForward) {
        long start = System.nanoTime();
        ResponseBatchItem response = answerItem(context, operations, item, mayForward);
        observer.completed(item.operation(), response.resultStatus(), System.nanoTime() - start);
        return response;
    }

    private ResponseBatchItem answerItem(OperationContext context, Map<Operation, KmipOperation<?, ?>> operations,
                                         RequestBatchItem item, boolean mayForward) {
        Operation operation = item.operation();
        Optional<byte[]> batchId = item.uniqueBatchItemId();
        try {
            return ResponseBatchItem.success(operation, batchId, answer(context, operations, item));
        } catch (DomainException.Refused refused) {
            KmipProxyForwarder forward = forwarding;
            // A forwarded call is never forwarded again: the owner refuses it as it would any caller's.
            if (mayForward && forward != null && operation != Operation.DONJON_PROXIED_CALL
                    && refused.replicaOwner().filter(forward::reaches).isPresent()) {
                return forward.forward(context, item, refused.replicaOwner().get());
            }
            return failure(Optional.of(operation), batchId, reason(refused, context.v2(), operation),
                    refused.getMessage());
        } catch (KmipMessageException e) {
            return failure(Optional.of(operation), batchId, e.reason(), e.getMessage());
        } catch (KmipError e) {
            return failure(Optional.of(operation), batchId, e.reason(), e.getMessage());
        } catch (KmipFieldException e) {
            return failure(Optional.of(operation), batchId, e.reason(), e.getMessage());
        } catch (DomainException e) {
            return failure(Optional.of(operation), batchId, reason(e, context.v2(), operation), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("KMIP operation failed unexpectedly", e);
            return failure(Optional.of(operation), batchId, ResultReason.GENERAL_FAILURE,
                    "the server could not complete the operation");
        }
    }

    /**
     * The Response Payload of one item: its request decoded with the library's grammar into the operation's typed
     * payload, and the typed answer encoded for the negotiated version, here and nowhere else.
     */
    private static Structure answer(OperationContext context, Map<Operation, KmipOperation<?, ?>> operations,
                                    RequestBatchItem item) throws KmipMessageException {
        Operation operation = item.operation();
        supported(context, operations, operation);
        RequestPayload request = RequestPayload.fromTtlv(operation, item.payload(), context.version())
                .orElseThrow(() -> new IllegalStateException("the library has no payload for " + operation));
        return encode(run(context, operations, operation, request), context.version());
    }

    /** The operation that serves {@code operation}, if it is served in the context's version. */
    private static KmipOperation<?, ?> supported(OperationContext context,
                                                 Map<Operation, KmipOperation<?, ?>> operations, Operation operation) {
        KmipOperation<?, ?> served = Optional.ofNullable(operations.get(operation)).orElseThrow(
                () -> new KmipError(ResultReason.OPERATION_NOT_SUPPORTED, "operation not supported"));
        // The version table knows when each operation appeared (Encrypt in 1.2, ...); Discover Versions is served
        // whatever the header says, as it is how a client finds a version to speak.
        ProtocolVersion since = operation == Operation.DISCOVER_VERSIONS ? served.since()
                : java.util.Collections.max(List.of(served.since(),
                VersionTable.introduced(Tag.OPERATION.code(), operation.code())));
        if (context.version().compareTo(since) < 0) {
            throw new KmipError(ResultReason.OPERATION_NOT_SUPPORTED, operation.specName() + " is a KMIP "
                    + since + " operation");
        }
        return served;
    }

    private static ResponsePayload run(OperationContext context, Map<Operation, KmipOperation<?, ?>> operations,
                                       Operation operation, RequestPayload request) {
        return supported(context, operations, operation).serveDecoded(context, request);
    }

    /** The single encoding of a typed answer, for the protocol version the response speaks. */
    private static Structure encode(ResponsePayload response, ProtocolVersion version) {
        return response.toTtlv(version);
    }

    /**
     * The one mapping of domain failures into KMIP; 1.x lacks the lifecycle, usage-mask and name reasons of 2.x (its
     * error tables answer a taken Name with Invalid Field when creating an object, Illegal Operation when editing one).
     */
    static ResultReason reason(DomainException failure, boolean v2, Operation operation) {
        return switch (failure) {
            // 2.x names an unknown object Object Not Found; Item Not Found is 1.x's (2.1 §6.1 error tables).
            case DomainException.NotFound notFound -> v2 ? ResultReason.OBJECT_NOT_FOUND : ResultReason.ITEM_NOT_FOUND;
            case DomainException.Forbidden forbidden -> ResultReason.PERMISSION_DENIED;
            case DomainException.Refused refused -> ResultReason.PERMISSION_DENIED;
            case DomainException.CryptographicFailure crypto -> switch (crypto.kind()) {
                case BAD_PARAMETERS -> v2 ? ResultReason.BAD_CRYPTOGRAPHIC_PARAMETERS : ResultReason.INVALID_FIELD;
                case BAD_KEY, AUTHENTICATION_FAILED -> ResultReason.CRYPTOGRAPHIC_FAILURE;
            };
            case DomainException.Conflict conflict -> switch (conflict.clash()) {
                case WRONG_STATE -> v2 ? ResultReason.WRONG_KEY_LIFECYCLE_STATE : ResultReason.PERMISSION_DENIED;
                // 1.x's Get table (1.4 §11.12): "the server only has attributes for this object" is Illegal
                // Operation; its other tables refuse a destroyed object with Permission Denied.
                case OBJECT_DESTROYED -> v2 ? ResultReason.OBJECT_DESTROYED
                        : operation == Operation.GET ? ResultReason.ILLEGAL_OPERATION : ResultReason.PERMISSION_DENIED;
                case USAGE_NOT_PERMITTED -> v2 ? ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK
                        : ResultReason.PERMISSION_DENIED;
                case NAME_TAKEN -> v2 ? ResultReason.NON_UNIQUE_NAME_ATTRIBUTE
                        : operation == Operation.ADD_ATTRIBUTE || operation == Operation.MODIFY_ATTRIBUTE
                        ? ResultReason.ILLEGAL_OPERATION : ResultReason.INVALID_FIELD;
                case PAYLOAD_ALREADY_STORED, METADATUM_EXISTS, METADATUM_KEY_MISMATCH, CONTAINER_SECRET_EXISTS,
                     SECRET_HAS_CONSUMERS -> ResultReason.ILLEGAL_OPERATION;
            };
            case DomainException.QuotaExceeded quota ->
                    v2 ? ResultReason.SERVER_LIMIT_EXCEEDED : ResultReason.ILLEGAL_OPERATION;
            case DomainException.LockboxRefused lockbox -> switch (lockbox.reason()) {
                case UNTRUSTED_ORIGIN, PEER_UNAUTHENTICATED, MISADDRESSED, REPLAYED, STALE, EXPIRED ->
                        ResultReason.PERMISSION_DENIED;
                case DUPLICATE -> ResultReason.ILLEGAL_OPERATION;
                case NOT_CONFIGURED -> ResultReason.OPERATION_NOT_SUPPORTED;
                case MALFORMED, UNSIGNED, TAMPERED -> ResultReason.INVALID_MESSAGE;
            };
            case DomainException.InvalidInput invalid -> ResultReason.INVALID_FIELD;
            case DomainException.PayloadTooLarge tooLarge -> ResultReason.INVALID_FIELD;
            case DomainException.Integrity integrity -> ResultReason.GENERAL_FAILURE;
            case DomainException.Unavailable unavailable -> ResultReason.GENERAL_FAILURE;
            case DomainException.Withheld withheld -> switch (withheld.refusal()) {
                case NOT_EXTRACTABLE -> ResultReason.NOT_EXTRACTABLE;
                case SENSITIVE -> ResultReason.SENSITIVE;
            };
        };
    }

    /** The version the response speaks: the client's, capped at the newest minor version Donjon knows. */
    private static Optional<ProtocolVersion> negotiated(ProtocolVersion offered) {
        return switch (offered.major()) {
            case 1 -> Optional.of(new ProtocolVersion(1, Math.min(offered.minor(), 4)));
            case 2 -> Optional.of(new ProtocolVersion(2, Math.min(offered.minor(), 1)));
            default -> Optional.empty();
        };
    }

    private ResponseMessage unsupported(ProtocolVersion offered) {
        return refusal(ProtocolVersion.V1_0, ResultReason.INVALID_MESSAGE,
                "unsupported protocol version " + offered.major());
    }

    /** A whole message refused: one failed item that names no operation. */
    private ResponseMessage refusal(ProtocolVersion version, ResultReason reason, String message) {
        return responseMessage(version, List.of(failure(Optional.empty(), Optional.empty(), reason, message)),
                Optional.empty());
    }

    private ResponseMessage responseMessage(ProtocolVersion version, List<ResponseBatchItem> items,
                                            Optional<String> serverCorrelationValue) {
        return ResponseMessage.of(responseHeader(version, items.size(), serverCorrelationValue), items);
    }

    private ResponseHeader responseHeader(ProtocolVersion version, int batchCount,
                                          Optional<String> serverCorrelationValue) {
        ResponseHeader header = ResponseHeader.of(version, clock.instant(), batchCount);
        return serverCorrelationValue.map(header::withServerCorrelationValue).orElse(header);
    }

    private static ResponseBatchItem failure(Optional<Operation> operation, Optional<byte[]> batchId,
                                             ResultReason reason, String message) {
        return ResponseBatchItem.failure(operation, batchId, reason, message == null ? reason.specName() : message);
    }
}
