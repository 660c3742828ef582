package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.message.ProtocolVersion;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;

/**
 * One KMIP operation: the library's typed request payload in, its typed response payload out. The processor decodes
 * the request with the library's grammar and encodes the response for the negotiated protocol version, so an
 * operation neither reads nor writes TTLV framing. Failures are exceptions ({@link KmipError} with the Result Reason
 * the specification gives, or the domain's own), mapped to Result Status and Reason once, by the processor.
 *
 * @param <Q> the request payload
 * @param <R> the response payload
 */
public interface KmipOperation<Q extends RequestPayload, R extends ResponsePayload> {

    /** The request payload this operation reads, as the library decodes it. */
    Class<Q> requestType();

    /** The first protocol version that defines the operation; an older request is refused before it is decoded. */
    default ProtocolVersion since() {
        return ProtocolVersion.V1_0;
    }

    R serve(OperationContext context, Q request);

    /** Serves a request the library decoded for this operation's code. */
    default R serveDecoded(OperationContext context, RequestPayload request) {
        return serve(context, requestType().cast(request));
    }
}
