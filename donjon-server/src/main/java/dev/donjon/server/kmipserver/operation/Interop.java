package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interop (KMIP 2.1 §6.1.27): a test client marks the beginning, end or reset of a test case. Donjon keeps no
 * per-case state, so it only notes the boundary in the log.
 */
final class Interop implements KmipOperation<RequestPayload.Interop, ResponsePayload.Interop> {
    private static final Logger LOG = LoggerFactory.getLogger(Interop.class);

    @Override
    public Class<RequestPayload.Interop> requestType() {
        return RequestPayload.Interop.class;
    }

    @Override
    public ResponsePayload.Interop serve(OperationContext context, RequestPayload.Interop request) {
        LOG.info("KMIP interop {} {} by {}", request.function().specName(), ClientText.printable(request.identifier()),
                context.call().principal().userId());
        return new ResponsePayload.Interop();
    }
}
