package dev.donjon.server.crypto;

import dev.donjon.server.domain.port.Store;
import dev.donjon.server.domain.audit.AuditCheckpoint;
import dev.donjon.server.domain.audit.AuditKeyRepository.StoredAuditKey;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Ed25519 key that signs audit checkpoints. Made once for the deployment (the first node to start stores it), its
 * private half kept only wrapped under the master key, so that whoever can write the database but does not hold the
 * master key cannot sign a rewritten chain. Its public half is in the database and exportable for offline checks.
 */
public final class AuditSigningKey {
    private final String keyId;
    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private AuditSigningKey(String keyId, PrivateKey privateKey, PublicKey publicKey) {
        this.keyId = keyId;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** The deployment's key, made and stored (wrapped) if there is none yet. */
    public static AuditSigningKey loadOrCreate(MasterKeystore keystore, Store store, SecureRandom random, Instant now) {
        StoredAuditKey stored = store.read(tx -> tx.auditKeys().newest()).orElse(null);
        if (stored == null) {
            StoredAuditKey made = generate(keystore, random, now);
            store.write(tx -> tx.auditKeys().insertFirst(made));
            stored = store.read(tx -> tx.auditKeys().newest()).orElseThrow();
        }
        return unwrap(keystore, stored);
    }

    private static StoredAuditKey generate(MasterKeystore keystore, SecureRandom random, Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(255, random);
            KeyPair pair = generator.generateKeyPair();
            byte[] pkcs8 = pair.getPrivate().getEncoded();
            try {
                MasterKeystore.Wrapped wrapped = keystore.wrap(pkcs8);
                byte[] publicKey = pair.getPublic().getEncoded();
                return new StoredAuditKey(keyId(publicKey), wrapped.masterKeyVersion(), wrapped.bytes(), publicKey,
                        now);
            } finally {
                Arrays.fill(pkcs8, (byte) 0);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate the audit signing key", e);
        }
    }

    private static AuditSigningKey unwrap(MasterKeystore keystore, StoredAuditKey stored) {
        byte[] pkcs8 = keystore.unwrap(stored.masterKeyVersion(), stored.wrappedPrivate());
        try {
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return new AuditSigningKey(stored.keyId(), privateKey, publicKey(stored.publicKey()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the stored audit signing key cannot be read", e);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    /** A key's id: the first 16 bytes of the SHA-256 of its SubjectPublicKeyInfo, in hex. */
    public static String keyId(byte[] subjectPublicKeyInfo) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(subjectPublicKeyInfo);
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static PublicKey publicKey(byte[] subjectPublicKeyInfo) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(subjectPublicKeyInfo));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }

    /** The public keys a store holds, by id, each checked to match its id. */
    public static Map<String, PublicKey> publicKeys(Map<String, byte[]> stored) {
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        stored.forEach((id, der) -> {
            if (keyId(der).equals(id)) {
                keys.put(id, publicKey(der));
            }
        });
        return keys;
    }

    public AuditCheckpoint sign(long seq, String hash, Instant at, String node) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(privateKey);
            signer.update(AuditCheckpoint.statement(seq, hash, at, node));
            return new AuditCheckpoint(seq, hash, at, node, keyId, signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign an audit checkpoint", e);
        }
    }

    public String keyId() {
        return keyId;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The public key as PEM, for operators who pin it when verifying offline. */
    public String publicKeyPem() {
        return publicKeyPem(publicKey.getEncoded());
    }

    public static String publicKeyPem(byte[] subjectPublicKeyInfo) {
        return "-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getMimeEncoder(64, "\n".getBytes(
                java.nio.charset.StandardCharsets.US_ASCII)).encodeToString(subjectPublicKeyInfo)
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** Reads a PEM public key as written by {@link #publicKeyPem}. */
    public static byte[] fromPem(String pem) {
        String body = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        return java.util.Base64.getDecoder().decode(body);
    }

    @Override
    public String toString() {
        return "AuditSigningKey[" + keyId + "]";
    }
}
