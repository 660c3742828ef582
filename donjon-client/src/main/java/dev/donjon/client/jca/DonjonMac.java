package dev.donjon.client.jca;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;

import javax.crypto.MacSpi;
import java.io.ByteArrayOutputStream;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.ProviderException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import java.util.Optional;

/** HMAC on the server with a Donjon key (KMIP MAC over the whole message at {@code doFinal}). */
public abstract class DonjonMac extends MacSpi {
    private final CryptographicAlgorithm algorithm;
    private final int length;
    private final ByteArrayOutputStream message = new ByteArrayOutputStream();
    private DonjonKeyHandle key;

    DonjonMac(CryptographicAlgorithm algorithm, int length) {
        this.algorithm = algorithm;
        this.length = length;
    }

    @Override
    protected int engineGetMacLength() {
        return length;
    }

    @Override
    protected void engineInit(Key key, AlgorithmParameterSpec params) throws InvalidKeyException,
            InvalidAlgorithmParameterException {
        if (params != null) {
            throw new InvalidAlgorithmParameterException("HMAC takes no parameters");
        }
        if (!(key instanceof DonjonKeyHandle handle)) {
            throw new InvalidKeyException("not a Donjon key (load it from the Donjon key store): " + key);
        }
        this.key = handle;
        message.reset();
    }

    @Override
    protected void engineUpdate(byte input) {
        message.write(input);
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int len) {
        message.write(input, offset, len);
    }

    @Override
    protected byte[] engineDoFinal() {
        if (key == null) {
            throw new IllegalStateException("Mac not initialised");
        }
        byte[] data = message.toByteArray();
        message.reset();
        try {
            return ServerCalls.run("MAC", () -> key.kmip().call(new RequestPayload.Mac(
                    Optional.of(key.uniqueIdentifier()),
                    Optional.of(CryptoParameters.of(Tag.CRYPTOGRAPHIC_ALGORITHM, algorithm)), Optional.of(data),
                    Optional.empty(), Optional.empty(), Optional.empty()), ResponsePayload.Mac.class)).macData()
                    .orElseThrow(() -> new ProviderException("Donjon's MAC answer has no MAC"));
        } finally {
            Arrays.fill(data, (byte) 0);
        }
    }

    @Override
    protected void engineReset() {
        message.reset();
    }

    public static final class HmacSha256 extends DonjonMac {
        public HmacSha256() {
            super(CryptographicAlgorithm.HMAC_SHA256, 32);
        }
    }

    public static final class HmacSha384 extends DonjonMac {
        public HmacSha384() {
            super(CryptographicAlgorithm.HMAC_SHA384, 48);
        }
    }

    public static final class HmacSha512 extends DonjonMac {
        public HmacSha512() {
            super(CryptographicAlgorithm.HMAC_SHA512, 64);
        }
    }
}
