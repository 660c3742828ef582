package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.domain.object.KeyService;
import dev.donjon.server.domain.object.Revocation;

/**
 * Revoke (KMIP 1.4 §4.20, 2.1 §6.1.50): the object is Deactivated, or Compromised when the reason says a key or CA
 * was compromised (then at the Compromise Occurrence Date given).
 */
final class Revoke implements KmipOperation<RequestPayload.Revoke, ResponsePayload.Revoke> {
    private final KeyService keys;

    Revoke(KeyService keys) {
        this.keys = keys;
    }

    @Override
    public Class<RequestPayload.Revoke> requestType() {
        return RequestPayload.Revoke.class;
    }

    @Override
    public ResponsePayload.Revoke serve(OperationContext context, RequestPayload.Revoke request) {
        Revocation revocation = new Revocation(AttributeMapping.revocationReason(request.reasonCode()),
                request.revocationMessage().orElse(null));
        return new ResponsePayload.Revoke(keys.revoke(context.call(), context.uid(request.uniqueIdentifier()),
                revocation, request.compromiseOccurrenceDate().orElse(null)).id().toString());
    }
}
