package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.DerivationMethod;
import dev.donjon.kmip.enums.HashingAlgorithm;
import dev.donjon.kmip.enums.KeyFormatType;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.message.Fields;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.domain.object.KeyCryptography;
import dev.donjon.server.domain.object.KeyService;
import dev.donjon.server.domain.object.LinkKind;
import dev.donjon.server.domain.object.ObjectLink;
import dev.donjon.server.domain.object.KeyUsage;
import dev.donjon.server.domain.object.ManagedObject;
import dev.donjon.server.domain.barbican.PayloadContentType;
import dev.donjon.server.domain.keys.Plaintext;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.barbican.SecretType;
import dev.donjon.server.kmipserver.operation.AttributeMapping.Requested;

import java.util.Arrays;
import java.util.Optional;

/**
 * Derive Key (KMIP 1.4 §4.6, 2.1 §6.1.15): a Symmetric Key or Secret Data derived from one key or Secret Data object
 * with the Derive Key usage, in the Active state (a Pre-Active object "SHALL NOT be used for any cryptographic
 * purpose", 1.4 §3.22), by PBKDF2, HASH, HMAC, ENCRYPT (AES or Triple DES, the base key's own algorithm), NIST SP
 * 800-108 counter mode with an HMAC, or HKDF (2.1). The derived object is registered like any other, Pre-Active.
 */
final class DeriveKey implements KmipOperation<RequestPayload.DeriveKey, ResponsePayload.DeriveKey> {
    private final KeyService keys;
    private final KeyUse use;
    private final NewObjects newObjects;
    private final KeyCryptography cryptography;

    DeriveKey(KeyService keys, KeyUse use, NewObjects newObjects, KeyCryptography cryptography) {
        this.keys = keys;
        this.use = use;
        this.newObjects = newObjects;
        this.cryptography = cryptography;
    }

    @Override
    public Class<RequestPayload.DeriveKey> requestType() {
        return RequestPayload.DeriveKey.class;
    }

    @Override
    public ResponsePayload.DeriveKey serve(OperationContext context, RequestPayload.DeriveKey request) {
        SecretType type = switch (request.objectType()) {
            case SYMMETRIC_KEY -> SecretType.SYMMETRIC;
            case SECRET_DATA -> SecretType.PASSPHRASE;
            default -> throw KmipError.invalidField("Derive Key makes Symmetric Keys and Secret Data only");
        };
        if (request.uniqueIdentifiers().size() != 1) {
            throw KmipError.invalidField("Derive Key derives from exactly one object here");
        }
        Requested requested = NewObjects.requested(context, newObjects.entries(context, request.attributes()));
        int bits = requested.length().orElseThrow(() -> KmipError.missing("Cryptographic Length"));
        if (bits <= 0 || bits % 8 != 0) {
            throw KmipError.invalidField("the Cryptographic Length must be a positive number of bytes");
        }
        CryptographicAlgorithm algorithm = type == SecretType.SYMMETRIC ? requested.algorithm()
                .orElseThrow(() -> KmipError.missing("Cryptographic Algorithm")) : null;
        Structure parameters = request.derivationParameters();
        Optional<Structure> cryptographic = Fields.structure(parameters, Tag.CRYPTOGRAPHIC_PARAMETERS);
        byte[] data = Fields.bytes(parameters, Tag.DERIVATION_DATA).orElse(new byte[0]);
        SecretId baseId = context.uid(Optional.of(request.uniqueIdentifiers().getFirst()));
        byte[] derived;
        try (KeyService.Revealed base = use.use(context, baseId, KeyUsage.DERIVE_KEY)) {
            SecretType baseType = base.object().secret().type();
            if (baseType != SecretType.SYMMETRIC && baseType != SecretType.PASSPHRASE) {
                throw KmipError.invalidField("only a key or Secret Data can be derived from");
            }
            int bytes = bits / 8;
            // The material is read and derived from in the cryptography port, never here.
            derived = request.derivationMethod() == DerivationMethod.ENCRYPT
                    ? encrypted(context, cryptographic, base, parameters, data, bytes)
                    : cryptography.derive(base, switch (request.derivationMethod()) {
                case PBKDF2 -> new KeyCryptography.Derivation.Pbkdf2(hmac(cryptographic),
                        Fields.bytes(parameters, Tag.SALT).orElseThrow(() -> KmipError.missing("Salt")),
                        Fields.integer(parameters, Tag.ITERATION_COUNT)
                                .orElseThrow(() -> KmipError.missing("Iteration Count")));
                case HASH -> new KeyCryptography.Derivation.Hash(
                        CryptographicParameters.digest(hashing(cryptographic)), data);
                // The base key's attributes name the PRF; Cryptographic Parameters are ignored (1.4 §4.6).
                case HMAC -> new KeyCryptography.Derivation.Hmac(
                        CryptographicParameters.macAlgorithm(Optional.empty(), base), data);
                case HKDF -> new KeyCryptography.Derivation.Hkdf(hmac(cryptographic),
                        Fields.bytes(parameters, Tag.SALT).orElse(new byte[0]), data);
                case NIST800_108_C -> new KeyCryptography.Derivation.CounterMode(hmac(cryptographic), data);
                default -> throw KmipError.invalidField(request.derivationMethod().specName()
                        + " derivation is not supported");
            }, bytes);
        }
        // The derived object links to its base, the base to what was derived from it (KMIP 1.4 §4.6, 2.1 §6.1.12).
        Requested linked = new Requested(requested.objectType(), requested.algorithm(), requested.length(),
                requested.attributes().withLink(new ObjectLink(LinkKind.DERIVATION_BASE_OBJECT, baseId.toString())),
                requested.activationDate(), requested.deactivationDate());
        try (Plaintext material = new Plaintext(derived, PayloadContentType.OCTET_STREAM)) {
            ManagedObject created = keys.register(context.call(), newObjects.newObject(type, linked, algorithm, bits,
                    new NewObjects.Origin(false, Optional.of(type == SecretType.SYMMETRIC ? KeyFormatType.RAW
                            : KeyFormatType.OPAQUE))), material);
            keys.changeAttributes(context.call(), baseId, attributes -> attributes.withLink(
                    new ObjectLink(LinkKind.DERIVED_KEY, created.id().toString())));
            context.placeholder(created.id());
            return new ResponsePayload.DeriveKey(created.id().toString());
        } finally {
            Arrays.fill(derived, (byte) 0);
        }
    }

    /** ENCRYPT: the derivation data encrypted under the base key with the given IV; the first bytes are the key. */
    private byte[] encrypted(OperationContext context, Optional<Structure> cryptographic, KeyService.Revealed base,
                             Structure parameters, byte[] data, int bytes) {
        byte[] iv = Fields.bytes(parameters, Tag.INITIALIZATION_VECTOR).orElse(null);
        KeyCryptography.AesCipher cipher = CryptographicParameters.aesRequest(cryptography, context, cryptographic, base, iv, null);
        byte[] output = cryptography.encrypt(base, cipher, data).output();
        if (output.length < bytes) {
            throw new KmipError(ResultReason.CRYPTOGRAPHIC_FAILURE, "the length asked exceeds the encrypted data");
        }
        byte[] out = Arrays.copyOf(output, bytes);
        Arrays.fill(output, (byte) 0);
        return out;
    }

    private static HashingAlgorithm hashing(Optional<Structure> cryptographic) {
        return cryptographic.flatMap(p -> Fields.enumeration(p, Tag.HASHING_ALGORITHM, HashingAlgorithm.index()))
                .orElseThrow(() -> KmipError.missing("Hashing Algorithm"));
    }

    /** The HMAC whose hash the Cryptographic Parameters name (PBKDF2, HKDF and SP 800-108 take it as their PRF). */
    private static String hmac(Optional<Structure> cryptographic) {
        return "Hmac" + CryptographicParameters.digest(hashing(cryptographic)).replace("-", "");
    }
}
