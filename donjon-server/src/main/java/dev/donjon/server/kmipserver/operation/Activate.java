package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.domain.object.KeyService;

/** Activate (KMIP 1.4 §4.19, 2.1 §6.1.2): a Pre-Active object becomes Active; the domain's state machine decides. */
final class Activate implements KmipOperation<RequestPayload.Activate, ResponsePayload.Activate> {
    private final KeyService keys;

    Activate(KeyService keys) {
        this.keys = keys;
    }

    @Override
    public Class<RequestPayload.Activate> requestType() {
        return RequestPayload.Activate.class;
    }

    @Override
    public ResponsePayload.Activate serve(OperationContext context, RequestPayload.Activate request) {
        return new ResponsePayload.Activate(keys.activate(context.call(), context.uid(request.uniqueIdentifier()))
                .id().toString());
    }
}
