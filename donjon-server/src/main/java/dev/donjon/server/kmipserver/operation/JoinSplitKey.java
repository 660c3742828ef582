package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.KeyFormatType;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.enums.SecretDataType;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.domain.barbican.PayloadContentType;
import dev.donjon.server.domain.barbican.SecretType;
import dev.donjon.server.domain.keys.Plaintext;
import dev.donjon.server.domain.object.KeyProtection;
import dev.donjon.server.domain.object.KeyService;
import dev.donjon.server.domain.object.ManagedObject;
import dev.donjon.server.domain.object.SecretSharing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Join Split Key (KMIP 1.4 §4.39, 2.1 §6.1.27): the symmetric key or secret data that the named Split Keys rebuild
 * ({@link SecretSharing}), registered as a new object with the algorithm and length the parts carry and the attributes
 * the request gives. The parts must be parts of one split (same count, threshold, method and prime), at least its
 * threshold of them (every part for XOR). Each part is read as a Get reads it, so its protections and leases apply.
 */
final class JoinSplitKey implements KmipOperation<RequestPayload.JoinSplitKey, ResponsePayload.JoinSplitKey> {
    private final KeyService keys;
    private final ObjectCodec codec;
    private final NewObjects newObjects;

    JoinSplitKey(KeyService keys, NewObjects newObjects, ObjectCodec codec) {
        this.codec = codec;
        this.keys = keys;
        this.newObjects = newObjects;
    }

    @Override
    public Class<RequestPayload.JoinSplitKey> requestType() {
        return RequestPayload.JoinSplitKey.class;
    }

    @Override
    public ResponsePayload.JoinSplitKey serve(OperationContext context, RequestPayload.JoinSplitKey request) {
        if (request.objectType() != ObjectType.SYMMETRIC_KEY && request.objectType() != ObjectType.SECRET_DATA) {
            throw new KmipError(ResultReason.INVALID_OBJECT_TYPE, "Join Split Key rebuilds symmetric keys and secret data");
        }
        if (request.uniqueIdentifiers().isEmpty()) {
            throw KmipError.missing("Unique Identifier");
        }
        List<SecretSharing.Share> shares = new ArrayList<>();
        SplitParts.Split split = null;
        Optional<CryptographicAlgorithm> algorithm = Optional.empty();
        Integer length = null;
        for (String id : request.uniqueIdentifiers()) {
            try (KeyService.Revealed part = keys.reveal(context.call(), context.uid(Optional.of(id)),
                    KeyProtection.Exposure.CLEAR)) {
                ManagedObject object = part.object();
                if (object.secret().type() != SecretType.SPLIT_KEY || ObjectCodec.wrapped(object)) {
                    throw new KmipError(ResultReason.INVALID_OBJECT_TYPE, id + " is no Split Key held in the clear");
                }
                SplitParts.Split fields = SplitParts.of(object);
                if (split != null && !split.equals(fields)) {
                    throw KmipError.invalidField("the Split Keys are parts of different splits");
                }
                split = fields;
                algorithm = AttributeMapping.algorithm(object.secret().algorithm());
                length = object.secret().bitLength();
                shares.add(new SecretSharing.Share(SplitParts.identifier(object), part.material().bytes()));
            }
        }
        int bytes = length != null ? (length + 7) / 8 : shares.getFirst().value().length;
        byte[] secret = SecretSharing.join(split.method(), shares, split.threshold(), split.prime().orElse(null), bytes);
        try {
            Ttlv keyMaterial = new Ttlv.BytesItem(Tag.KEY_MATERIAL, secret);
            List<Ttlv> block = new ArrayList<>(List.of(new Ttlv.EnumerationItem(Tag.KEY_FORMAT_TYPE, KeyFormatType.RAW),
                    new Structure(Tag.KEY_VALUE, keyMaterial)));
            algorithm.ifPresent(a -> block.add(new Ttlv.EnumerationItem(Tag.CRYPTOGRAPHIC_ALGORITHM, a)));
            block.add(new Ttlv.IntegerItem(Tag.CRYPTOGRAPHIC_LENGTH, bytes * 8));
            Structure object = request.objectType() == ObjectType.SYMMETRIC_KEY
                    ? new Structure(Tag.SYMMETRIC_KEY, new Structure(Tag.KEY_BLOCK, block))
                    : new Structure(Tag.SECRET_DATA, new Ttlv.EnumerationItem(Tag.SECRET_DATA_TYPE,
                    request.secretDataType().orElse(SecretDataType.PASSWORD)), new Structure(Tag.KEY_BLOCK, block));
            ObjectCodec.Material material = codec.read(request.objectType(), object);
            try (Plaintext clear = new Plaintext(material.bytes(), PayloadContentType.OCTET_STREAM)) {
                ManagedObject joined = keys.register(context.call(), newObjects.carried(request.objectType(), material,
                        NewObjects.requested(context, NewObjects.withoutObjectType(
                                newObjects.entries(context, request.attributes())))), clear);
                context.placeholder(joined.id());
                return new ResponsePayload.JoinSplitKey(joined.id().toString());
            } finally {
                Arrays.fill(material.bytes(), (byte) 0);
            }
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }
}
