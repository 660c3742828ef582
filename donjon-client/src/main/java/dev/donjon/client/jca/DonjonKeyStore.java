package dev.donjon.client.jca;

import dev.donjon.client.ClientTls;
import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.client.KmipClient;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.KeyFormatType;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.message.AttributeName;
import dev.donjon.kmip.message.Attributes;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.KeyStoreSpi;
import java.security.ProviderException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.Collections;
import java.util.Date;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The {@code Donjon} key store: the KMIP objects the client's identity may use, by name (by Unique Identifier when
 * unnamed). Symmetric and private keys load as handles ({@link DonjonSecretKey}, {@link DonjonPrivateKey}) for the
 * provider's server-side Cipher, Mac and Signature; public keys and certificates, which are not secret, load as
 * ordinary JCA objects. Read-only: keys are created and destroyed through Donjon, not through this store.
 * <p>
 * {@code load(InputStream, password)} reads properties: {@code host}, {@code port} (default 5696), {@code ca} (PEM of
 * the CA that signed the server), {@code certificate} and {@code key} (the client's PEM certificate and PKCS#8 key);
 * the password is ignored. {@code load(new DonjonKeyStore.Connection(config))} takes a ready KMIP client
 * configuration instead.
 */
public final class DonjonKeyStore extends KeyStoreSpi {
    /** Connection settings as a {@link KeyStore.LoadStoreParameter}. */
    public record Connection(KmipClient.Config config) implements KeyStore.LoadStoreParameter {
        @Override
        public KeyStore.ProtectionParameter getProtectionParameter() {
            return null;
        }
    }

    private record Entry(String uniqueIdentifier, int objectType, int algorithm, Date created) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private KmipClient kmip;

    @Override
    public void engineLoad(InputStream stream, char[] password) throws IOException {
        if (stream == null) {
            throw new IOException("the Donjon key store loads from its connection properties (host, port, ca, "
                    + "certificate, key)");
        }
        Properties properties = new Properties();
        properties.load(stream);
        String host = required(properties, "host");
        int port = Integer.parseInt(properties.getProperty("port", "5696"));
        connect(KmipClient.Config.of(host, port, ClientTls.mutual(Path.of(required(properties, "ca")),
                Path.of(required(properties, "certificate")), Path.of(required(properties, "key")))));
    }

    @Override
    public void engineLoad(KeyStore.LoadStoreParameter parameter) throws IOException {
        if (parameter instanceof Connection connection) {
            connect(connection.config());
        } else if (parameter == null) {
            engineLoad((InputStream) null, null);
        } else {
            throw new IllegalArgumentException("expected a DonjonKeyStore.Connection, not " + parameter);
        }
    }

    private static String required(Properties properties, String name) throws IOException {
        String value = properties.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IOException("Donjon key store property '" + name + "' is missing");
        }
        return value.strip();
    }

    private void connect(KmipClient.Config config) throws IOException {
        if (kmip != null) {
            kmip.close();
        }
        kmip = KmipClient.connect(config);
        entries.clear();
        List<String> ids = ServerCalls.run("Locate", () -> kmip.call(
                RequestPayload.Locate.byAttributes(Attributes.EMPTY), ResponsePayload.Locate.class))
                .uniqueIdentifiers();
        List<AttributeName> wanted = List.of(new AttributeName.Standard(Tag.NAME),
                new AttributeName.Standard(Tag.OBJECT_TYPE), new AttributeName.Standard(Tag.CRYPTOGRAPHIC_ALGORITHM),
                new AttributeName.Standard(Tag.INITIAL_DATE));
        for (String id : ids) {
            Attributes attributes = ServerCalls.run("Get Attributes", () -> kmip.call(
                    new RequestPayload.GetAttributes(Optional.of(id), wanted), ResponsePayload.GetAttributes.class))
                    .attributes();
            String alias = attributes.first(Tag.NAME)
                    .flatMap(name -> ((Ttlv.Structure) name).find(Tag.NAME_VALUE, Ttlv.TextItem.class))
                    .map(Ttlv.TextItem::value).orElse(id);
            int type = enumeration(attributes, Tag.OBJECT_TYPE);
            int algorithm = enumeration(attributes, Tag.CRYPTOGRAPHIC_ALGORITHM);
            Date created = attributes.first(Tag.INITIAL_DATE).filter(Ttlv.DateTimeItem.class::isInstance)
                    .map(date -> Date.from(((Ttlv.DateTimeItem) date).value())).orElse(null);
            entries.putIfAbsent(alias, new Entry(id, type, algorithm, created));
        }
    }

    private static int enumeration(Attributes attributes, Tag tag) {
        return attributes.first(tag).filter(Ttlv.EnumerationItem.class::isInstance)
                .map(item -> ((Ttlv.EnumerationItem) item).value()).orElse(-1);
    }

    @Override
    public Key engineGetKey(String alias, char[] password) {
        Entry entry = entries.get(alias);
        if (entry == null) {
            return null;
        }
        if (entry.objectType() == ObjectType.SYMMETRIC_KEY.code()) {
            return new DonjonSecretKey(entry.uniqueIdentifier(), secretKeyAlgorithm(entry.algorithm()), kmip);
        }
        if (entry.objectType() == ObjectType.PRIVATE_KEY.code()) {
            return new DonjonPrivateKey(entry.uniqueIdentifier(), asymmetricAlgorithm(entry.algorithm()), kmip);
        }
        if (entry.objectType() == ObjectType.PUBLIC_KEY.code()) {
            Ttlv.Structure object = get(entry.uniqueIdentifier(), KeyFormatType.X_509).managedObject();
            byte[] spki = object.find(Tag.KEY_BLOCK, Ttlv.Structure.class)
                    .flatMap(block -> block.find(Tag.KEY_VALUE, Ttlv.Structure.class))
                    .flatMap(value -> value.find(Tag.KEY_MATERIAL, Ttlv.BytesItem.class))
                    .map(Ttlv.BytesItem::value)
                    .orElseThrow(() -> new ProviderException("public key " + alias + " came without X.509 material"));
            try {
                return KeyFactory.getInstance(asymmetricAlgorithm(entry.algorithm()))
                        .generatePublic(new X509EncodedKeySpec(spki));
            } catch (java.security.GeneralSecurityException e) {
                throw new ProviderException("public key " + alias + ": " + e.getMessage(), e);
            }
        }
        return null;
    }

    private ResponsePayload.Get get(String id, KeyFormatType format) {
        return ServerCalls.run("Get", () -> kmip.call(new RequestPayload.Get(Optional.of(id),
                Optional.ofNullable(format), Optional.empty(), Optional.empty(), Optional.empty()),
                ResponsePayload.Get.class));
    }

    private static String secretKeyAlgorithm(int algorithm) {
        if (algorithm == CryptographicAlgorithm.HMAC_SHA256.code()) {
            return "HmacSHA256";
        }
        if (algorithm == CryptographicAlgorithm.HMAC_SHA384.code()) {
            return "HmacSHA384";
        }
        if (algorithm == CryptographicAlgorithm.HMAC_SHA512.code()) {
            return "HmacSHA512";
        }
        return "AES";
    }

    private static String asymmetricAlgorithm(int algorithm) {
        return algorithm == CryptographicAlgorithm.RSA.code() ? "RSA" : "EC";
    }

    @Override
    public Certificate[] engineGetCertificateChain(String alias) {
        Certificate certificate = engineGetCertificate(alias);
        return certificate == null ? null : new Certificate[] {certificate};
    }

    @Override
    public Certificate engineGetCertificate(String alias) {
        Entry entry = entries.get(alias);
        if (entry == null || entry.objectType() != ObjectType.CERTIFICATE.code()) {
            return null;
        }
        byte[] der = get(entry.uniqueIdentifier(), null).managedObject()
                .find(Tag.CERTIFICATE_VALUE, Ttlv.BytesItem.class).map(Ttlv.BytesItem::value)
                .orElseThrow(() -> new ProviderException("certificate " + alias + " came without its value"));
        try {
            return CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new ProviderException("certificate " + alias + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Date engineGetCreationDate(String alias) {
        Entry entry = entries.get(alias);
        return entry == null || entry.created() == null ? null : new Date(entry.created().getTime());
    }

    @Override
    public Enumeration<String> engineAliases() {
        return Collections.enumeration(List.copyOf(entries.keySet()));
    }

    @Override
    public boolean engineContainsAlias(String alias) {
        return entries.containsKey(alias);
    }

    @Override
    public int engineSize() {
        return entries.size();
    }

    @Override
    public boolean engineIsKeyEntry(String alias) {
        Entry entry = entries.get(alias);
        return entry != null && (entry.objectType() == ObjectType.SYMMETRIC_KEY.code()
                || entry.objectType() == ObjectType.PRIVATE_KEY.code()
                || entry.objectType() == ObjectType.PUBLIC_KEY.code());
    }

    @Override
    public boolean engineIsCertificateEntry(String alias) {
        Entry entry = entries.get(alias);
        return entry != null && entry.objectType() == ObjectType.CERTIFICATE.code();
    }

    @Override
    public String engineGetCertificateAlias(Certificate cert) {
        return null;
    }

    @Override
    public void engineSetKeyEntry(String alias, Key key, char[] password, Certificate[] chain)
            throws KeyStoreException {
        throw readOnly();
    }

    @Override
    public void engineSetKeyEntry(String alias, byte[] key, Certificate[] chain) throws KeyStoreException {
        throw readOnly();
    }

    @Override
    public void engineSetCertificateEntry(String alias, Certificate cert) throws KeyStoreException {
        throw readOnly();
    }

    @Override
    public void engineDeleteEntry(String alias) throws KeyStoreException {
        throw readOnly();
    }

    @Override
    public void engineStore(OutputStream stream, char[] password) {
        throw new UnsupportedOperationException("the Donjon key store is read-only; keys live on the server");
    }

    private static KeyStoreException readOnly() {
        return new KeyStoreException("the Donjon key store is read-only: create and destroy keys through Donjon");
    }
}
