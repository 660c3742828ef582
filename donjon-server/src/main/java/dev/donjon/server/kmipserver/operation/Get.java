package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.BlockCipherMode;
import dev.donjon.kmip.enums.EncodingOption;
import dev.donjon.kmip.enums.KeyFormatType;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.enums.WrappingMethod;
import dev.donjon.kmip.message.Fields;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.kmip.message.VersionTable;
import dev.donjon.server.domain.object.KeyCryptography;
import dev.donjon.server.domain.object.KeyProtection;
import dev.donjon.server.domain.object.KeyService;
import dev.donjon.server.domain.object.KeyUsage;
import dev.donjon.server.domain.object.ManagedObject;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.barbican.SecretType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Get (KMIP 1.4 §4.11, 2.1 §6.1.22): the object's key material in the Key Format Type asked for, or as it was
 * registered, optionally wrapped. Sensitive and Extractable are the domain's KeyProtection, which refuses here as it
 * does over REST; the first Get of a Fresh object's material makes it no longer Fresh.
 */
final class Get implements KmipOperation<RequestPayload.Get, ResponsePayload.Get> {
    private final KeyService keys;
    private final KeyCryptography cryptography;
    private final ObjectCodec codec;

    Get(KeyService keys, KeyCryptography cryptography, ObjectCodec codec) {
        this.keys = keys;
        this.cryptography = cryptography;
        this.codec = codec;
    }

    @Override
    public Class<RequestPayload.Get> requestType() {
        return RequestPayload.Get.class;
    }

    @Override
    public ResponsePayload.Get serve(OperationContext context, RequestPayload.Get request) {
        Optional<Structure> wrapping = request.keyWrappingSpecification();
        request.keyFormatType().filter(format -> VersionTable.introduced(Tag.KEY_FORMAT_TYPE.code(), format.code())
                .compareTo(context.version()) > 0).ifPresent(format -> {
                    // The answer's Key Block would state a format the client's version has no value for.
                    throw new KmipError(ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED, format.specName()
                            + " is newer than KMIP " + context.version().major() + "." + context.version().minor());
                });
        try (KeyService.Revealed revealed = keys.reveal(context.call(), context.uid(request.uniqueIdentifier()),
                wrapping.isPresent() ? KeyProtection.Exposure.WRAPPED : KeyProtection.Exposure.CLEAR)) {
            ManagedObject object = revealed.object();
            if (context.version().compareTo(VersionTable.introduced(Tag.ENCODING_OPTION.code()).orElseThrow()) < 0
                    && ObjectCodec.objectField(object, ObjectCodec.KEY_WRAPPING_DATA).filter(ObjectCodec::unencoded)
                    .isPresent()) {
                // KMIP 1.0 has no Encoding Option: its Key Wrapping Data always means a TTLV-encoded Key Value, so
                // the bare wrapped Key Material would be read as something it is not. Refused, not served misleadingly.
                throw new KmipError(ResultReason.FEATURE_NOT_SUPPORTED, "the key material is held wrapped with"
                        + " Encoding Option No Encoding, which KMIP 1.0 cannot express; ask in KMIP 1.1 or later");
            }
            // Without a Key Format Type, a symmetric key or secret data comes back as it was registered (Raw, Opaque or
            // Transparent); other objects in their stored form (ObjectCodec).
            boolean servedAsRegistered = object.secret().type() == SecretType.SYMMETRIC
                    || object.secret().type() == SecretType.PASSPHRASE;
            Optional<KeyFormatType> format = request.keyFormatType().or(() -> !servedAsRegistered
                    ? Optional.empty() : AttributeMapping.keyFormatType(object)
                    .map(item -> Fields.enumeration(item, KeyFormatType.index())));
            Structure served = (Structure) codec.write(object, revealed.material().bytes(), format);
            if (wrapping.isPresent()) {
                if (ObjectCodec.wrapped(object)) {
                    throw new KmipError(ResultReason.KEY_WRAP_TYPE_NOT_SUPPORTED,
                            "the key material is held wrapped, as registered, and is served only so");
                }
                served = wrapped(context, served, wrapping.get());
            }
            if (AttributeMapping.flag(object.attributes(), KmipAttribute.FRESH).orElse(false)) {
                // Fresh until the key material is first served (KMIP 1.4 §3.34, 2.1 §4.24).
                keys.recordServed(context.call(), object.id(),
                        attributes -> AttributeMapping.withFlag(attributes, KmipAttribute.FRESH, false));
            }
            return new ResponsePayload.Get(AttributeMapping.objectType(object.secret().type()), object.id().toString(),
                    served);
        }
    }

    /**
     * The object with its Key Value wrapped (KMIP 1.4 §2.1.5): Wrapping Method Encrypt with an AES key that permits
     * Wrap Key, under NIST Key Wrap (RFC 3394). The wrapped value is the TTLV-encoded Key Value unless the Encoding
     * Option says No Encoding (then the bare key material, kept in its Key Value structure). MAC/signature wrapping
     * and wrapped attributes are not supported.
     */
    private Structure wrapped(OperationContext context, Structure object, Structure specification) {
        WrappingMethod method = Fields.enumeration(specification, Tag.WRAPPING_METHOD, WrappingMethod.index())
                .orElseThrow(() -> KmipError.missing("Wrapping Method"));
        if (method != WrappingMethod.ENCRYPT
                || specification.find(Tag.MAC_SIGNATURE_KEY_INFORMATION).isPresent()
                || specification.find(Tag.ATTRIBUTE_NAME).isPresent()) {
            throw new KmipError(ResultReason.KEY_WRAP_TYPE_NOT_SUPPORTED, "only Encrypt wrapping is supported");
        }
        Structure keyInformation = Fields.requiredStructure(specification, Tag.ENCRYPTION_KEY_INFORMATION);
        Optional<EncodingOption> encoding = Fields.enumeration(specification, Tag.ENCODING_OPTION,
                EncodingOption.index());
        Structure keyBlock = object.find(Tag.KEY_BLOCK, Structure.class).orElseThrow(() -> new KmipError(
                ResultReason.INVALID_OBJECT_TYPE, "only objects with a key block can be wrapped"));
        Structure keyValue = keyBlock.find(Tag.KEY_VALUE, Structure.class).orElseThrow();
        boolean unencoded = encoding.orElse(EncodingOption.TTLV_ENCODING) == EncodingOption.NO_ENCODING;
        byte[] clear = unencoded
                ? Fields.requiredBytes(keyValue, Tag.KEY_MATERIAL)
                : dev.donjon.kmip.TtlvBinary.encode(keyValue);
        SecretId wrappingId = context.uid(keyInformation);
        byte[] wrappedValue;
        try (KeyService.Revealed kek = KeyUse.usable(keys.use(context.call(), wrappingId, KeyUsage.WRAP_KEY))) {
            if (kek.object().secret().type() != SecretType.SYMMETRIC
                    || !"aes".equals(kek.object().secret().algorithm())) {
                throw new KmipError(ResultReason.INVALID_OBJECT_TYPE, "the wrapping key must be an AES key");
            }
            Optional<Structure> parameters = Fields.structure(keyInformation, Tag.CRYPTOGRAPHIC_PARAMETERS);
            parameters.flatMap(p -> Fields.enumeration(p, Tag.BLOCK_CIPHER_MODE, BlockCipherMode.index()))
                    .filter(mode -> mode != BlockCipherMode.NISTKEYWRAP)
                    .ifPresent(mode -> {
                        throw new KmipError(ResultReason.KEY_WRAP_TYPE_NOT_SUPPORTED,
                                mode.specName() + " wrapping is not supported");
                    });
            wrappedValue = cryptography.wrap(kek, clear);
        } finally {
            java.util.Arrays.fill(clear, (byte) 0);
        }
        List<Ttlv> wrappingData = new ArrayList<>(List.of(
                new Ttlv.EnumerationItem(Tag.WRAPPING_METHOD, method), keyInformation));
        encoding.ifPresent(e -> wrappingData.add(new Ttlv.EnumerationItem(Tag.ENCODING_OPTION, e)));
        List<Ttlv> block = new ArrayList<>();
        for (Ttlv child : keyBlock.children()) {
            // No Encoding wraps "the Byte String Key Material field in the Key Value structure" (1.4 §2.1.5): the
            // structure stays, holding the wrapped bytes and no attributes; TTLV Encoding wraps the whole structure.
            block.add(child.tag() != Tag.KEY_VALUE.code() ? child : unencoded
                    ? new Structure(Tag.KEY_VALUE, List.of(new Ttlv.BytesItem(Tag.KEY_MATERIAL, wrappedValue)))
                    : new Ttlv.BytesItem(Tag.KEY_VALUE, wrappedValue));
        }
        block.add(new Structure(Tag.KEY_WRAPPING_DATA, wrappingData));
        List<Ttlv> children = new ArrayList<>();
        for (Ttlv child : object.children()) {
            children.add(child.tag() == Tag.KEY_BLOCK.code() ? new Structure(Tag.KEY_BLOCK, block) : child);
        }
        return new Structure(object.tag(), children);
    }
}
