package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.domain.object.KeyService;
import dev.donjon.server.domain.object.ManagedObject;

import java.util.List;

/**
 * Donjon Clone, a vendor extension operation (0x80000001, docs/kmip-server.md): a new object with the named object's
 * key material, linked to it as its Parent. The clone becomes the batch's ID Placeholder, so that the items after it
 * (Add Attribute of a Name, Activate...) act on the clone. A vendor operation rather than Get + Register: the key
 * material never leaves the server, so non-extractable and sensitive keys clone too.
 */
final class DonjonClone implements KmipOperation<RequestPayload.DonjonClone, ResponsePayload.DonjonClone> {
    private final KeyService keys;

    DonjonClone(KeyService keys) {
        this.keys = keys;
    }

    @Override
    public Class<RequestPayload.DonjonClone> requestType() {
        return RequestPayload.DonjonClone.class;
    }

    @Override
    public ResponsePayload.DonjonClone serve(OperationContext context, RequestPayload.DonjonClone request) {
        ManagedObject clone = keys.cloneObject(context.call(), context.uid(request.uniqueIdentifier()), List.of());
        context.placeholder(clone.id());
        return new ResponsePayload.DonjonClone(clone.id().toString());
    }
}
