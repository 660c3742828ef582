package dev.donjon.server.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObject;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEDecrypter;
import com.nimbusds.jose.JWEEncrypter;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.PlainObject;
import com.nimbusds.jose.crypto.ECDHDecrypter;
import com.nimbusds.jose.crypto.ECDHEncrypter;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSADecrypter;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import dev.donjon.server.domain.DomainException.LockboxRefused;
import dev.donjon.server.domain.DomainException.LockboxRefused.Reason;
import dev.donjon.server.domain.barbican.PayloadContentType;
import dev.donjon.server.domain.barbican.SecretType;
import dev.donjon.server.domain.keys.Plaintext;
import dev.donjon.server.domain.object.KeyProtection;
import dev.donjon.server.domain.object.Lifecycle;
import dev.donjon.server.domain.object.LifecycleState;
import dev.donjon.server.domain.object.LinkKind;
import dev.donjon.server.domain.object.ObjectAttributes;
import dev.donjon.server.domain.object.ObjectLink;
import dev.donjon.server.domain.object.Revocation;
import dev.donjon.server.domain.object.RevocationReason;
import dev.donjon.server.domain.object.UsageMask;
import dev.donjon.server.domain.transfer.LockboxChange;
import dev.donjon.server.domain.transfer.LockboxContents;
import dev.donjon.server.domain.transfer.LockboxHeader;
import dev.donjon.server.domain.transfer.LockboxSealer;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lockboxes as JOSE: a compact JWS signed with this server's signing key (ES256/ES384/ES512 for an EC key, PS256 for
 * RSA), its header's {@code kid} naming the origin, over the claims {@code iss} (the origin again), {@code aud}
 * (recipient), {@code jti}, {@code iat} and {@code lockbox}, a
 * compact JWE of the object encrypted for the recipient's public key (ECDH-ES+A256KW for EC, RSA-OAEP-256 for RSA,
 * content A256GCM). Signing the ciphertext with the routing claims binds both: nothing in the box or on it changes
 * without breaking the signature, and only the recipient's private key opens it. The JWE's protected header repeats
 * the {@code jti}, so contents cannot be moved under another lockbox's signature.
 */
public final class JoseLockboxSealer implements LockboxSealer {
    static final JOSEObjectType TYPE = new JOSEObjectType("donjon-lockbox+jws");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A configured peer: the certificate that verifies its lockboxes and the one this server encrypts for it. */
    public record Peer(X509Certificate signing, X509Certificate encryption) {
    }

    private final PrivateKey signingKey;
    private final PrivateKey decryptionKey;
    private final Map<String, Peer> peers;
    private final Clock clock;

    /**
     * @param signingKey    signs what this server seals (EC or RSA)
     * @param decryptionKey opens what peers sealed for this server (EC or RSA)
     * @param peers         by lockbox identity; either certificate may be {@code null} (send only, receive only)
     */
    public JoseLockboxSealer(PrivateKey signingKey, PrivateKey decryptionKey, Map<String, Peer> peers, Clock clock) {
        this.signingKey = signingKey;
        this.decryptionKey = decryptionKey;
        this.peers = Map.copyOf(peers);
        this.clock = clock;
    }

    /** The sealer the configuration describes: keys and certificates read from their PEM files. */
    public static JoseLockboxSealer open(dev.donjon.server.config.DonjonConfig.Lockbox config, Clock clock) {
        Map<String, Peer> peers = new LinkedHashMap<>();
        for (dev.donjon.server.config.DonjonConfig.LockboxPeer peer : config.peers()) {
            peers.put(peer.name(), new Peer(
                    peer.signingCertificate() == null ? null : Pem.readCertificates(peer.signingCertificate()).getFirst(),
                    peer.encryptionCertificate() == null ? null
                            : Pem.readCertificates(peer.encryptionCertificate()).getFirst()));
        }
        return new JoseLockboxSealer(Pem.readPrivateKey(config.signingKey()), Pem.readPrivateKey(config.encryptionKey()),
                peers, clock);
    }

    @Override
    public boolean knowsRecipient(String recipient) {
        Peer peer = peers.get(recipient);
        return peer != null && peer.encryption() != null;
    }

    @Override
    public String seal(LockboxHeader header, LockboxContents contents) {
        return sealChange(header, null, contents);
    }

    /**
     * A replication change adds the claim {@code change}: {@code {"seq", "kind", "object"}}; a removal has no
     * {@code lockbox} claim.
     */
    @Override
    public String sealChange(LockboxHeader header, LockboxChange change, LockboxContents contents) {
        byte[] clear = contents == null ? null : contentsJson(contents);
        try {
            return envelope(header, clear, TYPE, change);
        } finally {
            if (clear != null) {
                Arrays.fill(clear, (byte) 0);
            }
        }
    }

    /**
     * The lockbox envelope around other contents: a bulk export file sealed for its destination
     * (docs/export-import.md). Its {@code typ} is {@code donjon-export+jws}, so that neither a lockbox nor an export
     * is taken for the other.
     */
    public String sealExport(LockboxHeader header, byte[] clear) {
        return envelope(header, clear, EXPORT_TYPE, null);
    }

    /**
     * The contents of a sealed export whose signature {@link #verify} checked, and whose recipient and freshness the
     * caller checked; the caller zeroes them.
     *
     * @throws LockboxRefused not an export, or contents that do not decrypt under this server's key
     */
    public byte[] openExport(String sealed, Verified verified) {
        try {
            if (!EXPORT_TYPE.equals(JWSObject.parse(sealed.trim()).getHeader().getType())) {
                throw new LockboxRefused(Reason.MALFORMED, "not a sealed export (typ donjon-export+jws)");
            }
        } catch (ParseException e) {
            throw new LockboxRefused(Reason.MALFORMED, "not a compact JWS");
        }
        return decrypted(verified);
    }

    static final JOSEObjectType EXPORT_TYPE = new JOSEObjectType("donjon-export+jws");
    static final JOSEObjectType BATCH_TYPE = new JOSEObjectType("donjon-replication-batch+jws");

    /**
     * A batch is a JWS of type {@code donjon-replication-batch+jws} over {@code iss}, {@code aud}, {@code jti},
     * {@code iat}, {@code changes} (a list of {@code {"seq", "kind", "object"}}) and, when some change is an upsert,
     * {@code lockbox}: one JWE of the JSON list of the upserts' contents. One signature and one encryption per batch,
     * rather than per change, is what makes a catch-up fast.
     */
    @Override
    public String sealBatch(LockboxHeader header, List<LockboxChange> changes, List<LockboxContents> upserts) {
        ArrayNode list = JSON.createArrayNode();
        List<byte[]> parts = new ArrayList<>();
        byte[] clear = null;
        try {
            for (LockboxContents contents : upserts) {
                byte[] part = contentsJson(contents);
                parts.add(part);
                list.add(JSON.readTree(part));
            }
            if (!upserts.isEmpty()) {
                clear = JSON.writeValueAsBytes(list);
            }
            List<Map<String, Object>> described = new ArrayList<>();
            for (LockboxChange change : changes) {
                described.add(described(change));
            }
            return envelope(header, clear, BATCH_TYPE, null, described);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot write a batch's contents", e);
        } finally {
            parts.forEach(part -> Arrays.fill(part, (byte) 0));
            if (clear != null) {
                Arrays.fill(clear, (byte) 0);
            }
            // The tree's material text cannot be zeroed; it is unreachable from here on.
            list.removeAll();
        }
    }

    @Override
    public boolean isBatch(String message) {
        try {
            return BATCH_TYPE.equals(JWSObject.parse(message.trim()).getHeader().getType());
        } catch (ParseException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public VerifiedBatch verifyBatch(String batch) {
        JWSObject jws = verifiedSignature(batch);
        if (!BATCH_TYPE.equals(jws.getHeader().getType())) {
            throw new LockboxRefused(Reason.MALFORMED, "not a batch of replication changes (typ "
                    + BATCH_TYPE.getType() + ")");
        }
        String origin = jws.getHeader().getKeyID();
        Map<String, Object> claims = jws.getPayload().toJSONObject();
        if (claims == null || !origin.equals(claims.get("iss")) || !(claims.get("aud") instanceof String recipient)
                || !(claims.get("jti") instanceof String id) || !(claims.get("iat") instanceof Number issued)
                || !(claims.get("changes") instanceof List<?> described)
                || claims.containsKey("lockbox") && !(claims.get("lockbox") instanceof String)) {
            throw new LockboxRefused(Reason.MALFORMED, "the signed claims are not a batch's (iss equal to the kid, "
                    + "aud, jti, iat, changes, lockbox)");
        }
        List<LockboxChange> changes = new ArrayList<>();
        for (Object item : described) {
            changes.add(change(item));
        }
        if (changes.stream().anyMatch(c -> c.kind() == LockboxChange.Kind.UPSERT) != claims.containsKey("lockbox")) {
            throw new LockboxRefused(Reason.MALFORMED, "a batch carries contents exactly when it has upserts");
        }
        return new VerifiedBatch(new LockboxHeader(origin, recipient, id, Instant.ofEpochSecond(issued.longValue())),
                changes, claims.get("lockbox"));
    }

    @Override
    public List<LockboxContents> openBatch(VerifiedBatch batch) {
        if (batch.sealed() == null) {
            return List.of();
        }
        byte[] clear = decrypted(new Verified(batch.header(), batch.sealed()));
        List<LockboxContents> opened = new ArrayList<>();
        try {
            JsonNode list = JSON.readTree(clear);
            if (!list.isArray()) {
                throw new LockboxRefused(Reason.MALFORMED, "the decrypted contents are not a list");
            }
            for (JsonNode item : list) {
                opened.add(contents(item));
            }
            return opened;
        } catch (java.io.IOException | RuntimeException e) {
            opened.forEach(LockboxContents::close);
            if (e instanceof LockboxRefused refused) {
                throw refused;
            }
            throw new LockboxRefused(Reason.MALFORMED, "the decrypted contents are not a batch's");
        } finally {
            Arrays.fill(clear, (byte) 0);
        }
    }

    /** @param clear the contents to encrypt for the recipient, or {@code null} (a replication removal) */
    private String envelope(LockboxHeader header, byte[] clear, JOSEObjectType type, LockboxChange change) {
        return envelope(header, clear, type, change, null);
    }

    private static Map<String, Object> described(LockboxChange change) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("seq", change.sequence());
        described.put("kind", change.kind().name().toLowerCase(java.util.Locale.ROOT));
        described.put("object", change.objectId());
        return described;
    }

    /** @param changes a batch's changes, or {@code null} for a single lockbox */
    private String envelope(LockboxHeader header, byte[] clear, JOSEObjectType type, LockboxChange change,
                            List<Map<String, Object>> changes) {
        try {
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("iss", header.origin());
            claims.put("aud", header.recipient());
            claims.put("jti", header.lockboxId());
            claims.put("iat", header.issuedAt().getEpochSecond());
            if (clear != null) {
                X509Certificate recipient = peers.get(header.recipient()).encryption();
                JWEObject jwe = new JWEObject(new JWEHeader.Builder(encryptionAlgorithm(recipient.getPublicKey()),
                        EncryptionMethod.A256GCM).customParam("jti", header.lockboxId()).build(), new Payload(clear));
                jwe.encrypt(encrypter(recipient.getPublicKey()));
                claims.put("lockbox", jwe.serialize());
            }
            if (change != null) {
                claims.put("change", described(change));
            }
            if (changes != null) {
                claims.put("changes", changes);
            }
            JWSObject jws = new JWSObject(new JWSHeader.Builder(signingAlgorithm(signingKey)).type(type)
                    .keyID(header.origin()).build(),
                    new Payload(claims));
            jws.sign(signer(signingKey));
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("sealing a lockbox failed: " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public String sign(String type, LockboxHeader header, Map<String, Object> claims) {
        Map<String, Object> all = new LinkedHashMap<>(claims);
        all.put("iss", header.origin());
        all.put("aud", header.recipient());
        all.put("jti", header.lockboxId());
        all.put("iat", header.issuedAt().getEpochSecond());
        try {
            JWSObject jws = new JWSObject(new JWSHeader.Builder(signingAlgorithm(signingKey))
                    .type(new JOSEObjectType(type)).keyID(header.origin()).build(), new Payload(all));
            jws.sign(signer(signingKey));
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("signing a statement failed: " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public Statement verifyStatement(String type, String statement) {
        JWSObject jws = verifiedSignature(statement);
        if (jws.getHeader().getType() == null || !type.equals(jws.getHeader().getType().getType())) {
            throw new LockboxRefused(Reason.MALFORMED, "the JWS is not a " + type);
        }
        String origin = jws.getHeader().getKeyID();
        Map<String, Object> claims = jws.getPayload().toJSONObject();
        if (claims == null || !origin.equals(claims.get("iss")) || !(claims.get("aud") instanceof String recipient)
                || !(claims.get("jti") instanceof String id) || !(claims.get("iat") instanceof Number issued)) {
            throw new LockboxRefused(Reason.MALFORMED, "the signed claims lack iss (equal to the kid), aud, jti or "
                    + "iat");
        }
        return new Statement(new LockboxHeader(origin, recipient, id, Instant.ofEpochSecond(issued.longValue())),
                claims);
    }

    @Override
    public String bodyDigest(byte[] bytes) {
        try {
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                    java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    @Override
    public Verified verify(String lockbox) {
        JWSObject jws = verifiedSignature(lockbox);
        if (BATCH_TYPE.equals(jws.getHeader().getType())) {
            throw new LockboxRefused(Reason.MALFORMED, "a batch of replication changes is not a lockbox");
        }
        String origin = jws.getHeader().getKeyID();
        Map<String, Object> claims = jws.getPayload().toJSONObject();
        LockboxChange change = claims == null ? null : change(claims.get("change"));
        if (claims == null || !origin.equals(claims.get("iss")) || !(claims.get("aud") instanceof String recipient)
                || !(claims.get("jti") instanceof String id) || !(claims.get("iat") instanceof Number issued)
                || !(claims.get("lockbox") instanceof String || removal(change) && !claims.containsKey("lockbox"))) {
            throw new LockboxRefused(Reason.MALFORMED, "the signed claims are not a lockbox's (iss equal to the kid, "
                    + "aud, jti, iat, lockbox)");
        }
        return new Verified(new LockboxHeader(origin, recipient, id, Instant.ofEpochSecond(issued.longValue())),
                claims.get("lockbox"), change);
    }

    /** A JWS whose signature verifies with the signing certificate of the configured peer its {@code kid} names. */
    private JWSObject verifiedSignature(String lockbox) {
        JOSEObject parsed;
        try {
            parsed = JOSEObject.parse(lockbox.trim());
        } catch (ParseException e) {
            throw new LockboxRefused(Reason.MALFORMED, "not a compact JWS");
        }
        if (parsed instanceof PlainObject) {
            throw new LockboxRefused(Reason.UNSIGNED, "the lockbox is not signed (\"alg\": \"none\")");
        }
        if (!(parsed instanceof JWSObject jws)) {
            throw new LockboxRefused(Reason.MALFORMED, "a bare JWE: a lockbox is a JWS signed by its origin");
        }
        // The key id names the origin, so that the signature is checked before anything it covers is read.
        String origin = jws.getHeader().getKeyID();
        if (origin == null) {
            throw new LockboxRefused(Reason.MALFORMED, "the JWS header names no origin (kid)");
        }
        Peer peer = peers.get(origin);
        if (peer == null || peer.signing() == null) {
            throw new LockboxRefused(Reason.UNTRUSTED_ORIGIN, "the lockbox claims to come from '" + origin
                    + "', which is not a trusted lockbox origin here");
        }
        try {
            peer.signing().checkValidity(Date.from(clock.instant()));
        } catch (CertificateException e) {
            throw new LockboxRefused(Reason.UNTRUSTED_ORIGIN, "the configured certificate of origin '" + origin
                    + "' is not valid now");
        }
        boolean valid;
        try {
            valid = jws.verify(verifier(peer.signing().getPublicKey(), jws.getHeader().getAlgorithm()));
        } catch (JOSEException e) {
            valid = false;
        }
        if (!valid) {
            throw new LockboxRefused(Reason.TAMPERED, "the signature does not verify with the certificate of '"
                    + origin + "'");
        }
        return jws;
    }

    private static boolean removal(LockboxChange change) {
        return change != null && change.kind() != LockboxChange.Kind.UPSERT;
    }

    /** The replication change claim, or {@code null} without one. */
    private static LockboxChange change(Object claim) {
        if (claim == null) {
            return null;
        }
        if (!(claim instanceof Map<?, ?> map) || !(map.get("seq") instanceof Number seq)
                || !(map.get("kind") instanceof String kind) || !(map.get("object") instanceof String object)) {
            throw new LockboxRefused(Reason.MALFORMED, "the change claim is not {seq, kind, object}");
        }
        try {
            return new LockboxChange(seq.longValue(),
                    LockboxChange.Kind.valueOf(kind.toUpperCase(java.util.Locale.ROOT)), object);
        } catch (IllegalArgumentException e) {
            throw new LockboxRefused(Reason.MALFORMED, "unknown change kind '" + kind + "'");
        }
    }

    @Override
    public LockboxContents open(Verified verified) {
        byte[] clear = decrypted(verified);
        try {
            return contents(JSON.readTree(clear));
        } catch (java.io.IOException | RuntimeException e) {
            if (e instanceof LockboxRefused refused) {
                throw refused;
            }
            throw new LockboxRefused(Reason.MALFORMED, "the decrypted contents are not a lockbox's");
        } finally {
            Arrays.fill(clear, (byte) 0);
        }
    }

    private byte[] decrypted(Verified verified) {
        if (verified.sealed() == null) {
            throw new LockboxRefused(Reason.MALFORMED, "a replication removal carries no contents to import");
        }
        JWEObject jwe;
        try {
            jwe = JWEObject.parse((String) verified.sealed());
        } catch (ParseException e) {
            throw new LockboxRefused(Reason.MALFORMED, "the lockbox claim is not a compact JWE");
        }
        if (!EncryptionMethod.A256GCM.equals(jwe.getHeader().getEncryptionMethod())) {
            throw new LockboxRefused(Reason.MALFORMED, "the contents are not encrypted with A256GCM");
        }
        if (!verified.header().lockboxId().equals(jwe.getHeader().getCustomParam("jti"))) {
            throw new LockboxRefused(Reason.TAMPERED, "the encrypted contents belong to another lockbox");
        }
        try {
            jwe.decrypt(decrypter(decryptionKey, jwe.getHeader().getAlgorithm()));
        } catch (JOSEException e) {
            throw new LockboxRefused(Reason.TAMPERED, "the contents do not decrypt under this server's lockbox key");
        }
        return jwe.getPayload().toBytes();
    }

    private static byte[] contentsJson(LockboxContents contents) {
        ObjectNode root = JSON.createObjectNode();
        root.put("object_id", contents.objectId());
        root.put("type", contents.type().wireName());
        root.put("algorithm", contents.algorithm());
        if (contents.bitLength() != null) {
            root.put("bit_length", contents.bitLength());
        }
        Lifecycle lifecycle = contents.lifecycle();
        ObjectNode life = root.putObject("lifecycle");
        life.put("state", lifecycle.state().storedName());
        date(life, "activation_date", lifecycle.activationDate());
        date(life, "deactivation_date", lifecycle.deactivationDate());
        date(life, "compromise_occurrence_date", lifecycle.compromiseOccurrenceDate());
        date(life, "compromise_date", lifecycle.compromiseDate());
        if (lifecycle.revocation() != null) {
            life.put("revocation_reason", lifecycle.revocation().reason().storedName());
            life.put("revocation_message", lifecycle.revocation().message());
        }
        ObjectAttributes attributes = contents.attributes();
        ObjectNode attrs = root.putObject("attributes");
        attrs.put("usage_mask", attributes.usageMask().bits());
        attributes.names().forEach(attrs.putArray("names")::add);
        ArrayNode links = attrs.putArray("links");
        attributes.links().forEach(link -> links.addObject().put("kind", link.kind().storedName())
                .put("target", link.target()));
        ObjectNode text = attrs.putObject("text");
        attributes.text().forEach((name, values) -> values.forEach(text.withArray(name)::add));
        attrs.put("sensitive", attributes.protection().sensitive());
        attrs.put("extractable", attributes.protection().extractable());
        root.put("material", contents.material().bytes());
        try {
            return JSON.writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a lockbox's contents", e);
        }
    }

    private static LockboxContents contents(JsonNode root) throws java.io.IOException {
        SecretType type = SecretType.fromWire(root.path("type").asText()).orElseThrow(() ->
                new LockboxRefused(Reason.MALFORMED, "unknown object type in the lockbox"));
        JsonNode life = root.path("lifecycle");
        String revocationReason = life.path("revocation_reason").asText(null);
        Lifecycle lifecycle = new Lifecycle(LifecycleState.fromStoredName(life.path("state").asText())
                .orElseThrow(() -> new LockboxRefused(Reason.MALFORMED, "unknown lifecycle state in the lockbox")),
                date(life, "activation_date"), date(life, "deactivation_date"), null,
                date(life, "compromise_occurrence_date"), date(life, "compromise_date"),
                revocationReason == null ? null : new Revocation(RevocationReason.fromStoredName(revocationReason)
                        .orElseThrow(), life.path("revocation_message").asText(null)));
        JsonNode attrs = root.path("attributes");
        List<String> names = new ArrayList<>();
        attrs.path("names").forEach(name -> names.add(name.asText()));
        List<ObjectLink> links = new ArrayList<>();
        for (JsonNode link : attrs.path("links")) {
            links.add(new ObjectLink(LinkKind.fromStoredName(link.path("kind").asText()).orElseThrow(),
                    link.path("target").asText()));
        }
        Map<String, List<String>> text = new LinkedHashMap<>();
        attrs.path("text").fields().forEachRemaining(field -> {
            List<String> values = new ArrayList<>();
            field.getValue().forEach(value -> values.add(value.asText()));
            text.put(field.getKey(), values);
        });
        ObjectAttributes attributes = new ObjectAttributes(new UsageMask(attrs.path("usage_mask").asInt()), names,
                links, text, new KeyProtection(attrs.path("sensitive").asBoolean(),
                attrs.path("extractable").asBoolean(true)));
        byte[] material = root.path("material").binaryValue();
        if (material == null) {
            throw new LockboxRefused(Reason.MALFORMED, "the lockbox holds no key material");
        }
        try {
            return new LockboxContents(root.path("object_id").asText(), type, root.path("algorithm").asText(null),
                    root.hasNonNull("bit_length") ? root.path("bit_length").asInt() : null, lifecycle, attributes,
                    new Plaintext(material, PayloadContentType.OCTET_STREAM));
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    private static void date(ObjectNode node, String name, Instant date) {
        if (date != null) {
            node.put(name, date.toString());
        }
    }

    private static Instant date(JsonNode node, String name) {
        String text = node.path(name).asText(null);
        return text == null ? null : Instant.parse(text);
    }

    private static JWSAlgorithm signingAlgorithm(PrivateKey key) {
        if (key instanceof ECPrivateKey ec) {
            return ecdsa(Curve.forECParameterSpec(ec.getParams()));
        }
        return JWSAlgorithm.PS256;
    }

    private static JWSAlgorithm ecdsa(Curve curve) {
        if (Curve.P_256.equals(curve)) {
            return JWSAlgorithm.ES256;
        }
        if (Curve.P_384.equals(curve)) {
            return JWSAlgorithm.ES384;
        }
        if (Curve.P_521.equals(curve)) {
            return JWSAlgorithm.ES512;
        }
        throw new IllegalArgumentException("lockbox keys must be RSA or EC on P-256, P-384 or P-521");
    }

    private static JWSSigner signer(PrivateKey key) throws JOSEException {
        return key instanceof ECPrivateKey ec ? new ECDSASigner(ec) : new RSASSASigner(key);
    }

    /** The verifier for the certificate's key, which must also be the key type the header's algorithm names. */
    private static JWSVerifier verifier(PublicKey key, JWSAlgorithm algorithm) throws JOSEException {
        if (key instanceof ECPublicKey ec && JWSAlgorithm.Family.EC.contains(algorithm)) {
            return new ECDSAVerifier(ec);
        }
        if (key instanceof RSAPublicKey rsa && JWSAlgorithm.Family.RSA.contains(algorithm)) {
            return new RSASSAVerifier(rsa);
        }
        throw new JOSEException("the algorithm does not fit the origin's key");
    }

    private static JWEAlgorithm encryptionAlgorithm(PublicKey key) {
        return key instanceof ECPublicKey ? JWEAlgorithm.ECDH_ES_A256KW : JWEAlgorithm.RSA_OAEP_256;
    }

    private static JWEEncrypter encrypter(PublicKey key) throws JOSEException {
        return key instanceof ECPublicKey ec ? new ECDHEncrypter(ec) : new RSAEncrypter((RSAPublicKey) key);
    }

    /** Only the two algorithms this server seals with are accepted, each with the key type it needs. */
    private static JWEDecrypter decrypter(PrivateKey key, JWEAlgorithm algorithm) throws JOSEException {
        if (key instanceof ECPrivateKey ec && JWEAlgorithm.ECDH_ES_A256KW.equals(algorithm)) {
            return new ECDHDecrypter(ec);
        }
        if (key instanceof RSAPrivateKey && JWEAlgorithm.RSA_OAEP_256.equals(algorithm)) {
            return new RSADecrypter(key);
        }
        throw new JOSEException("the lockbox is not encrypted for this server's kind of key");
    }
}
