package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.message.AttributeName;
import dev.donjon.kmip.message.Attributes;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.domain.object.KeyCryptography;
import dev.donjon.server.domain.object.KeyService;
import dev.donjon.server.domain.object.ManagedObject;

import java.util.ArrayList;
import java.util.List;

/**
 * Get Attributes (KMIP 1.4 §4.12, 2.1 §6.1.23): the attributes asked for that the object has in the version asked
 * (all of them when none, or none Donjon knows, is asked for).
 */
final class GetAttributes implements KmipOperation<RequestPayload.GetAttributes, ResponsePayload.GetAttributes> {
    private final KeyService keys;
    private final KeyCryptography cryptography;

    GetAttributes(KeyService keys, KeyCryptography cryptography) {
        this.keys = keys;
        this.cryptography = cryptography;
    }

    @Override
    public Class<RequestPayload.GetAttributes> requestType() {
        return RequestPayload.GetAttributes.class;
    }

    @Override
    public ResponsePayload.GetAttributes serve(OperationContext context, RequestPayload.GetAttributes request) {
        ManagedObject object = keys.get(context.call(), context.uid(request.uniqueIdentifier()));
        List<String> wanted = new ArrayList<>();
        for (AttributeName name : request.names()) {
            AttributeMapping.v1Name(name).ifPresent(wanted::add);
        }
        return new ResponsePayload.GetAttributes(object.id().toString(), new Attributes(
                AttributeMapping.describe(object, context.v2(), cryptography).stream()
                        .filter(e -> wanted.isEmpty() || wanted.contains(e.name()))
                        .map(AttributeMapping::attribute).toList()));
    }
}
