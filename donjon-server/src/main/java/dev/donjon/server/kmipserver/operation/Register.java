package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.domain.object.KeyService;
import dev.donjon.server.domain.object.ManagedObject;
import dev.donjon.server.domain.object.NewObject;
import dev.donjon.server.domain.barbican.PayloadContentType;
import dev.donjon.server.domain.keys.Plaintext;
import dev.donjon.server.kmipserver.operation.AttributeMapping.Requested;

import java.util.Arrays;

/**
 * Register (KMIP 1.4 §4.3, 2.1 §6.1.47): an object the client brings (the six object types of both versions, Split
 * Keys, and 1.x Templates), stored as given and described by what the client says and what the material says of
 * itself.
 */
final class Register implements KmipOperation<RequestPayload.Register, ResponsePayload.Register> {
    private final KeyService keys;
    private final ObjectCodec codec;
    private final NewObjects newObjects;

    Register(KeyService keys, NewObjects newObjects, ObjectCodec codec) {
        this.codec = codec;
        this.keys = keys;
        this.newObjects = newObjects;
    }

    @Override
    public Class<RequestPayload.Register> requestType() {
        return RequestPayload.Register.class;
    }

    @Override
    public ResponsePayload.Register serve(OperationContext context, RequestPayload.Register request) {
        if (request.objectType() == ObjectType.TEMPLATE && context.v2()) {
            // KMIP 2.0 removed the Template object: its Object Type value is reserved (2.1 §11.34).
            throw KmipError.invalidField("KMIP 2.x has no Template object");
        }
        Requested requested = NewObjects.requested(context, newObjects.entries(context, request.attributes()));
        ObjectCodec.Material material = codec.read(request.objectType(), request.managedObject());
        NewObject spec = newObjects.carried(request.objectType(), material, requested);
        try (Plaintext clear = new Plaintext(material.bytes(), PayloadContentType.OCTET_STREAM)) {
            ManagedObject registered = keys.register(context.call(), spec, clear);
            context.placeholder(registered.id());
            return new ResponsePayload.Register(registered.id().toString());
        } finally {
            Arrays.fill(material.bytes(), (byte) 0);
        }
    }
}
