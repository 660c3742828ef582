package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.enums.Operation;
import dev.donjon.server.domain.object.KeyCryptography;
import dev.donjon.server.domain.object.KeyService;
import dev.donjon.server.domain.pki.KeyCertification;
import dev.donjon.server.domain.pki.X509Engine;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The operations a server serves, one registration line each. One instance per server: it holds what every set of
 * operations shares (the open multi-part streams), and makes a set over a {@link KeyService}, the server's own or one
 * joined to an Undo batch's transaction.
 */
public final class Operations {
    private final KeyCryptography cryptography;
    private final SecureRandom random;
    private final Clock clock;
    private final Duration leaseTime;
    /** One table of open multi-part operations, whichever set (an Undo batch has its own) serves a part. */
    private final CipherStreams streams;
    private final CertificateAttributes certificates;

    /** Signs Certify and Re-certify requests; {@code null} in sets made without the CAs. */
    private final KeyCertification certification;

    /**
     * @param cryptography  what the cryptographic operations compute with; they never read key material themselves
     * @param leaseTime     what Obtain Lease grants; zero for no lease limit
     * @param x509          reads the certificates a client registers, for the attributes set from them
     * @param certification signs Certify and Re-certify with the projects' CAs
     */
    public Operations(KeyCryptography cryptography, X509Engine x509, SecureRandom random, Clock clock,
                      Duration leaseTime, KeyCertification certification) {
        this.cryptography = cryptography;
        this.certificates = new CertificateAttributes(x509);
        this.random = random;
        this.clock = clock;
        this.leaseTime = leaseTime;
        this.streams = new CipherStreams(random, clock);
        this.certification = certification;
    }

    /** Without Certify and Re-certify, which need the CAs: for tests of the other operations. */
    public Operations(KeyCryptography cryptography, X509Engine x509, SecureRandom random, Clock clock,
                      Duration leaseTime) {
        this(cryptography, x509, random, clock, leaseTime, null);
    }

    /** The operations, each working through {@code keys}, in the order Query lists them. */
    public Map<Operation, KmipOperation<?, ?>> over(KeyService keys) {
        ObjectCodec codec = new ObjectCodec(cryptography.encodings(), cryptography, certificates);
        NewObjects newObjects = new NewObjects(leaseTime, new Templates(keys), codec);
        Replacements replacements = new Replacements(clock);
        LifecycleDates dates = new LifecycleDates(keys);
        KeyUse use = new KeyUse(keys, clock);
        CipherParts parts = new CipherParts(use, cryptography, random, streams);
        Get get = new Get(keys, cryptography, codec);
        Map<Operation, KmipOperation<?, ?>> operations = new EnumMap<>(Operation.class);
        operations.put(Operation.CREATE, new Create(keys, newObjects));
        operations.put(Operation.CREATE_KEY_PAIR, new CreateKeyPair(keys, newObjects));
        operations.put(Operation.REGISTER, new Register(keys, newObjects, codec));
        operations.put(Operation.DERIVE_KEY, new DeriveKey(keys, use, newObjects, cryptography));
        operations.put(Operation.RE_KEY, new ReKey(keys, newObjects, replacements));
        operations.put(Operation.LOCATE, new Locate(keys));
        operations.put(Operation.CHECK, new Check(keys, leaseTime));
        operations.put(Operation.GET, get);
        operations.put(Operation.GET_ATTRIBUTES, new GetAttributes(keys, cryptography));
        operations.put(Operation.GET_ATTRIBUTE_LIST, new GetAttributeList(keys, cryptography));
        operations.put(Operation.ADD_ATTRIBUTE, new AddAttribute(keys, dates));
        operations.put(Operation.MODIFY_ATTRIBUTE, new ModifyAttribute(keys, dates, cryptography));
        operations.put(Operation.DELETE_ATTRIBUTE, new DeleteAttribute(keys, cryptography));
        operations.put(Operation.OBTAIN_LEASE, new ObtainLease(keys, leaseTime));
        operations.put(Operation.GET_USAGE_ALLOCATION, new GetUsageAllocation(keys, clock));
        operations.put(Operation.ACTIVATE, new Activate(keys));
        operations.put(Operation.REVOKE, new Revoke(keys));
        operations.put(Operation.DESTROY, new Destroy(keys));
        operations.put(Operation.DISCOVER_VERSIONS, new DiscoverVersions());
        operations.put(Operation.RE_KEY_KEY_PAIR, new ReKeyKeyPair(keys, newObjects, replacements));
        operations.put(Operation.ENCRYPT, new Encrypt(use, parts, cryptography));
        operations.put(Operation.DECRYPT, new Decrypt(use, parts, cryptography));
        operations.put(Operation.SIGN, new Sign(use, cryptography));
        operations.put(Operation.SIGNATURE_VERIFY, new SignatureVerify(use, cryptography));
        operations.put(Operation.MAC, new Mac(use, cryptography));
        operations.put(Operation.MAC_VERIFY, new MacVerify(use, cryptography));
        operations.put(Operation.RNG_RETRIEVE, new RngRetrieve(random));
        operations.put(Operation.HASH, new Hash(cryptography));
        operations.put(Operation.RNG_SEED, new RngSeed());
        operations.put(Operation.CREATE_SPLIT_KEY, new CreateSplitKey(keys, newObjects, random, codec));
        operations.put(Operation.JOIN_SPLIT_KEY, new JoinSplitKey(keys, newObjects, codec));
        operations.put(Operation.EXPORT, new Export(keys, get, cryptography));
        operations.put(Operation.IMPORT, new Import(keys, newObjects, codec));
        operations.put(Operation.SET_ATTRIBUTE, new SetAttribute(keys, dates));
        operations.put(Operation.INTEROP, new Interop());
        operations.put(Operation.LOG, new Log(keys));
        if (certification != null) {
            CertificateIssuance issuance = new CertificateIssuance(newObjects, certificates);
            operations.put(Operation.CERTIFY, new Certify(certification.on(keys), issuance));
            operations.put(Operation.RE_CERTIFY, new ReCertify(certification.on(keys), issuance));
        }
        // Query lists every operation registered, itself included; the vendor extension is served but not listed, so
        // that clients that check Query's list against the spec's enumeration see only standard operations.
        java.util.EnumSet<Operation> listed = java.util.EnumSet.copyOf(operations.keySet());
        listed.add(Operation.QUERY);
        Map<Operation, dev.donjon.kmip.message.ProtocolVersion> since = new EnumMap<>(Operation.class);
        operations.forEach((operation, served) -> since.put(operation, served.since()));
        operations.put(Operation.QUERY, new Query(Collections.unmodifiableSet(listed), since));
        operations.put(Operation.DONJON_CLONE, new DonjonClone(keys));
        return Collections.unmodifiableMap(operations);
    }
}
