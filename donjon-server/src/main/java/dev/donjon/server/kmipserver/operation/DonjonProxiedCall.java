package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.message.KmipMessageException;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.domain.CallContext;
import dev.donjon.server.domain.transfer.ProxiedCalls;

/**
 * Donjon Proxied Call, a vendor extension operation (0x80000011, docs/replication.md "Proxy mode"): a batch item that
 * a peer in proxy mode refused because the object is a replica of one this server owns, forwarded with the peer's
 * signed assertion of its caller. Admitted only from a peer trusted to forward calls, over a connection with that
 * peer's configured client certificate, fresh, once, and for exactly the item carried; then served as that caller,
 * through this server's own policy, and audited here with the peer as the source. The answer is the forwarded
 * operation's, in the protocol version the item spoke; its failure fails this item with the same reason.
 */
public final class DonjonProxiedCall
        implements KmipOperation<RequestPayload.DonjonProxiedCall, ResponsePayload.DonjonProxiedCall> {
    /** Serves the forwarded operation as the admitted caller (the processor, which never forwards it again). */
    @FunctionalInterface
    public interface Forwarded {
        ResponsePayload serve(OperationContext context, RequestPayload request);
    }

    private final ProxiedCalls calls;
    private final Forwarded forwarded;

    public DonjonProxiedCall(ProxiedCalls calls, Forwarded forwarded) {
        this.calls = calls;
        this.forwarded = forwarded;
    }

    /** What the proxy's assertion names as the request's target: the version, the operation, the ID Placeholder. */
    public static String target(RequestPayload.DonjonProxiedCall call) {
        return call.version() + " " + call.forwardedOperation().specName()
                + call.idPlaceholder().map(placeholder -> " " + placeholder).orElse("");
    }

    @Override
    public Class<RequestPayload.DonjonProxiedCall> requestType() {
        return RequestPayload.DonjonProxiedCall.class;
    }

    @Override
    public ResponsePayload.DonjonProxiedCall serve(OperationContext context, RequestPayload.DonjonProxiedCall request) {
        // The connection's own client certificate (KMIP is mutual TLS) is the peer's authentication; its assertion
        // names the caller. The caller the connection maps to (kmip.identities) is not the one served.
        CallContext caller = calls.admit(request.assertion(), ProxiedCalls.KMIP, target(request), request.payload(),
                context.call().requestId(), context.call().credential());
        RequestPayload item;
        try {
            item = request.forwarded().orElseThrow(() -> new KmipError(ResultReason.OPERATION_NOT_SUPPORTED,
                    request.forwardedOperation().specName() + " is not served"));
        } catch (KmipMessageException e) {
            throw new KmipError(e.reason(), e.getMessage());
        }
        OperationContext asCaller = new OperationContext(caller, request.version());
        request.idPlaceholder().ifPresent(placeholder -> asCaller.placeholder(asCaller.parseUid(placeholder)));
        return ResponsePayload.DonjonProxiedCall.of(forwarded.serve(asCaller, item), request.version());
    }
}
