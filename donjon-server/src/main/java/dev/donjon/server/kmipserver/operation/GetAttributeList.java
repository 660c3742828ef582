package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.domain.object.KeyCryptography;
import dev.donjon.server.domain.object.KeyService;
import dev.donjon.server.domain.object.ManagedObject;
import dev.donjon.server.kmipserver.operation.AttributeMapping.Entry;

/**
 * Get Attribute List (KMIP 1.4 §4.13, 2.1 §6.1.21): the names of the attributes the object has in the version asked,
 * each once.
 */
final class GetAttributeList implements KmipOperation<RequestPayload.GetAttributeList,
        ResponsePayload.GetAttributeList> {
    private final KeyService keys;
    private final KeyCryptography cryptography;

    GetAttributeList(KeyService keys, KeyCryptography cryptography) {
        this.keys = keys;
        this.cryptography = cryptography;
    }

    @Override
    public Class<RequestPayload.GetAttributeList> requestType() {
        return RequestPayload.GetAttributeList.class;
    }

    @Override
    public ResponsePayload.GetAttributeList serve(OperationContext context, RequestPayload.GetAttributeList request) {
        ManagedObject object = keys.get(context.call(), context.uid(request.uniqueIdentifier()));
        return new ResponsePayload.GetAttributeList(object.id().toString(), AttributeMapping.describe(object,
                context.v2(), cryptography).stream().map(Entry::name).distinct().map(AttributeMapping::libraryName).toList());
    }
}
