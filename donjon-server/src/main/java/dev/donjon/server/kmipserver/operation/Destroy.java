package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.domain.object.KeyService;

/** Destroy (KMIP 1.4 §4.21, 2.1 §6.1.16): the key material is removed, the metadata kept. */
final class Destroy implements KmipOperation<RequestPayload.Destroy, ResponsePayload.Destroy> {
    private final KeyService keys;

    Destroy(KeyService keys) {
        this.keys = keys;
    }

    @Override
    public Class<RequestPayload.Destroy> requestType() {
        return RequestPayload.Destroy.class;
    }

    @Override
    public ResponsePayload.Destroy serve(OperationContext context, RequestPayload.Destroy request) {
        return new ResponsePayload.Destroy(keys.destroy(context.call(), context.uid(request.uniqueIdentifier()))
                .toString());
    }
}
