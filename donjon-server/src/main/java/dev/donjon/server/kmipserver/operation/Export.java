package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.message.Attributes;
import dev.donjon.kmip.message.ProtocolVersion;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.domain.object.KeyCryptography;
import dev.donjon.server.domain.object.KeyService;
import dev.donjon.server.domain.object.ManagedObject;
import dev.donjon.server.domain.barbican.SecretId;

import java.util.Optional;

/**
 * Export (KMIP 1.4 §4.40, 2.1 §6.1.18): Get with all of the object's attributes. A destroyed object has no key material to
 * return, so its answer carries the attributes only.
 */
final class Export implements KmipOperation<RequestPayload.Export, ResponsePayload.Export> {
    private final KeyService keys;
    private final Get get;
    private final KeyCryptography cryptography;

    Export(KeyService keys, Get get, KeyCryptography cryptography) {
        this.keys = keys;
        this.get = get;
        this.cryptography = cryptography;
    }

    @Override
    public Class<RequestPayload.Export> requestType() {
        return RequestPayload.Export.class;
    }

    @Override
    public ProtocolVersion since() {
        return ProtocolVersion.V1_4;
    }

    @Override
    public ResponsePayload.Export serve(OperationContext context, RequestPayload.Export request) {
        SecretId id = context.uid(request.uniqueIdentifier());
        ManagedObject object = keys.get(context.call(), id);
        Attributes all = new Attributes(AttributeMapping.describe(object, context.v2(), cryptography).stream()
                .map(AttributeMapping::attribute).toList());
        context.placeholder(object.id());
        if (object.state().isDestroyed()) {
            return new ResponsePayload.Export(AttributeMapping.objectType(object.secret().type()),
                    object.id().toString(), all, Optional.empty());
        }
        ResponsePayload.Get got = get.serve(context, new RequestPayload.Get(Optional.of(id.toString()),
                request.keyFormatType(), request.keyWrapType(), request.keyCompressionType(),
                request.keyWrappingSpecification()));
        return new ResponsePayload.Export(got.objectType(), object.id().toString(), all,
                Optional.of(got.managedObject()));
    }
}
