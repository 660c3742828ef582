package dev.donjon.client.jca;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.enums.DigitalSignatureAlgorithm;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;

import java.io.ByteArrayOutputStream;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.ProviderException;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.util.Optional;

/**
 * Signing on the server with a Donjon private key (KMIP Sign over the whole message, the server hashing it);
 * verification, which needs no secret, runs locally with the public key through the JDK's other providers.
 */
public abstract class DonjonSignature extends SignatureSpi {
    private final DigitalSignatureAlgorithm algorithm;
    private final String jcaName;
    private final ByteArrayOutputStream message = new ByteArrayOutputStream();
    private DonjonKeyHandle signer;
    private Signature verifier;

    DonjonSignature(DigitalSignatureAlgorithm algorithm, String jcaName) {
        this.algorithm = algorithm;
        this.jcaName = jcaName;
    }

    @Override
    protected void engineInitSign(PrivateKey key) throws InvalidKeyException {
        if (!(key instanceof DonjonKeyHandle handle)) {
            throw new InvalidKeyException("not a Donjon key (load it from the Donjon key store): " + key);
        }
        signer = handle;
        verifier = null;
        message.reset();
    }

    @Override
    protected void engineInitVerify(PublicKey key) throws InvalidKeyException {
        verifier = null;
        for (Provider provider : Security.getProviders()) {
            if (provider.getName().equals(DonjonProvider.NAME) || provider.getService("Signature", jcaName) == null) {
                continue;
            }
            try {
                Signature candidate = Signature.getInstance(jcaName, provider);
                candidate.initVerify(key);
                verifier = candidate;
                break;
            } catch (NoSuchAlgorithmException | InvalidKeyException notThisOne) {
                // try the next provider
            }
        }
        if (verifier == null) {
            throw new InvalidKeyException("no provider verifies " + jcaName + " with " + key.getAlgorithm());
        }
        signer = null;
    }

    @Override
    protected void engineUpdate(byte b) throws SignatureException {
        engineUpdate(new byte[] {b}, 0, 1);
    }

    @Override
    protected void engineUpdate(byte[] b, int off, int len) throws SignatureException {
        if (verifier != null) {
            verifier.update(b, off, len);
        } else if (signer != null) {
            message.write(b, off, len);
        } else {
            throw new SignatureException("not initialised");
        }
    }

    @Override
    protected byte[] engineSign() throws SignatureException {
        if (signer == null) {
            throw new SignatureException("not initialised for signing");
        }
        byte[] data = message.toByteArray();
        message.reset();
        try {
            return ServerCalls.run("Sign", () -> signer.kmip().call(new RequestPayload.Sign(
                    Optional.of(signer.uniqueIdentifier()),
                    Optional.of(CryptoParameters.of(Tag.DIGITAL_SIGNATURE_ALGORITHM, algorithm)), Optional.of(data),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
                    ResponsePayload.Sign.class)).signatureData()
                    .orElseThrow(() -> new SignatureException("Donjon's Sign answer has no signature"));
        } catch (ProviderException e) {
            throw new SignatureException(e.getMessage(), e);
        }
    }

    @Override
    protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
        if (verifier == null) {
            throw new SignatureException("not initialised for verification");
        }
        return verifier.verify(sigBytes);
    }

    @Override
    @Deprecated
    protected void engineSetParameter(String param, Object value) {
        throw new UnsupportedOperationException("no parameters");
    }

    @Override
    @Deprecated
    protected Object engineGetParameter(String param) {
        throw new UnsupportedOperationException("no parameters");
    }

    public static final class Sha256WithRsa extends DonjonSignature {
        public Sha256WithRsa() {
            super(DigitalSignatureAlgorithm.SHA_256_WITH_RSA_ENCRYPTION, "SHA256withRSA");
        }
    }

    public static final class Sha384WithRsa extends DonjonSignature {
        public Sha384WithRsa() {
            super(DigitalSignatureAlgorithm.SHA_384_WITH_RSA_ENCRYPTION, "SHA384withRSA");
        }
    }

    public static final class Sha512WithRsa extends DonjonSignature {
        public Sha512WithRsa() {
            super(DigitalSignatureAlgorithm.SHA_512_WITH_RSA_ENCRYPTION, "SHA512withRSA");
        }
    }

    public static final class Sha256WithEcdsa extends DonjonSignature {
        public Sha256WithEcdsa() {
            super(DigitalSignatureAlgorithm.ECDSA_WITH_SHA256, "SHA256withECDSA");
        }
    }

    public static final class Sha384WithEcdsa extends DonjonSignature {
        public Sha384WithEcdsa() {
            super(DigitalSignatureAlgorithm.ECDSA_WITH_SHA384, "SHA384withECDSA");
        }
    }
}
