package dev.donjon.client.jca;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.enums.BlockCipherMode;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.CipherSpi;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.GCMParameterSpec;
import java.io.ByteArrayOutputStream;
import java.security.AlgorithmParameters;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.NoSuchAlgorithmException;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.InvalidParameterSpecException;
import java.util.Arrays;
import java.util.Optional;

/**
 * AES/GCM/NoPadding on the server: the input is gathered locally and sent in one KMIP Encrypt or Decrypt at
 * {@code doFinal}, with the additional data; the output is ciphertext followed by the tag, as every JCA GCM cipher
 * writes it, so either side of a round trip can be another provider holding the same key. The IV is drawn here (12
 * bytes) when encrypting without one, and {@link #engineGetIV()} returns it.
 */
public final class DonjonCipher extends CipherSpi {
    private static final int IV_BYTES = 12;

    private final ByteArrayOutputStream input = new ByteArrayOutputStream();
    private final ByteArrayOutputStream aad = new ByteArrayOutputStream();
    private DonjonKeyHandle key;
    private int mode;
    private byte[] iv;
    private int tagBits = 128;

    @Override
    protected void engineSetMode(String requested) throws NoSuchAlgorithmException {
        if (!requested.equalsIgnoreCase("GCM")) {
            throw new NoSuchAlgorithmException("Donjon's cipher is GCM only, not " + requested);
        }
    }

    @Override
    protected void engineSetPadding(String padding) throws NoSuchPaddingException {
        if (!padding.equalsIgnoreCase("NoPadding")) {
            throw new NoSuchPaddingException("GCM takes no padding, not " + padding);
        }
    }

    @Override
    protected int engineGetBlockSize() {
        return 16;
    }

    @Override
    protected int engineGetOutputSize(int inputLen) {
        int total = input.size() + inputLen;
        return mode == Cipher.ENCRYPT_MODE ? total + tagBits / 8 : Math.max(0, total - tagBits / 8);
    }

    @Override
    protected byte[] engineGetIV() {
        return iv == null ? null : iv.clone();
    }

    @Override
    protected AlgorithmParameters engineGetParameters() {
        if (iv == null) {
            return null;
        }
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("GCM");
            parameters.init(new GCMParameterSpec(tagBits, iv));
            return parameters;
        } catch (NoSuchAlgorithmException | InvalidParameterSpecException e) {
            throw new ProviderException(e);
        }
    }

    @Override
    protected void engineInit(int opmode, Key key, SecureRandom random) throws InvalidKeyException {
        try {
            engineInit(opmode, key, (AlgorithmParameterSpec) null, random);
        } catch (InvalidAlgorithmParameterException e) {
            throw new InvalidKeyException("decryption needs the IV: " + e.getMessage(), e);
        }
    }

    @Override
    protected void engineInit(int opmode, Key key, AlgorithmParameterSpec params, SecureRandom random)
            throws InvalidKeyException, InvalidAlgorithmParameterException {
        if (!(key instanceof DonjonKeyHandle handle)) {
            throw new InvalidKeyException("not a Donjon key (load it from the Donjon key store): " + key);
        }
        if (opmode != Cipher.ENCRYPT_MODE && opmode != Cipher.DECRYPT_MODE) {
            throw new InvalidAlgorithmParameterException("encrypt or decrypt only");
        }
        if (params instanceof GCMParameterSpec gcm) {
            this.iv = gcm.getIV();
            this.tagBits = gcm.getTLen();
        } else if (params == null && opmode == Cipher.ENCRYPT_MODE) {
            this.iv = new byte[IV_BYTES];
            (random == null ? new SecureRandom() : random).nextBytes(iv);
            this.tagBits = 128;
        } else {
            throw new InvalidAlgorithmParameterException("a GCMParameterSpec is required to decrypt");
        }
        this.key = handle;
        this.mode = opmode;
        input.reset();
        aad.reset();
    }

    @Override
    protected void engineInit(int opmode, Key key, AlgorithmParameters params, SecureRandom random)
            throws InvalidKeyException, InvalidAlgorithmParameterException {
        try {
            engineInit(opmode, key, params == null ? null : params.getParameterSpec(GCMParameterSpec.class), random);
        } catch (InvalidParameterSpecException e) {
            throw new InvalidAlgorithmParameterException(e);
        }
    }

    @Override
    protected void engineUpdateAAD(byte[] src, int offset, int len) {
        aad.write(src, offset, len);
    }

    @Override
    protected byte[] engineUpdate(byte[] in, int offset, int len) {
        input.write(in, offset, len);
        return new byte[0];
    }

    @Override
    protected int engineUpdate(byte[] in, int offset, int len, byte[] out, int outOffset) {
        input.write(in, offset, len);
        return 0;
    }

    @Override
    protected byte[] engineDoFinal(byte[] in, int offset, int len) throws AEADBadTagException {
        if (key == null) {
            throw new IllegalStateException("cipher not initialised");
        }
        if (in != null) {
            input.write(in, offset, len);
        }
        byte[] data = input.toByteArray();
        input.reset();
        Optional<byte[]> additional = aad.size() == 0 ? Optional.empty() : Optional.of(aad.toByteArray());
        aad.reset();
        var parameters = Optional.of(CryptoParameters.of(Tag.BLOCK_CIPHER_MODE, BlockCipherMode.GCM,
                Tag.TAG_LENGTH, tagBits / 8));
        try {
            if (mode == Cipher.ENCRYPT_MODE) {
                ResponsePayload.Encrypt answer = ServerCalls.run("Encrypt", () -> key.kmip().call(
                        new RequestPayload.Encrypt(Optional.of(key.uniqueIdentifier()), parameters, Optional.of(data),
                                Optional.of(iv), Optional.empty(), Optional.empty(), Optional.empty(), additional),
                        ResponsePayload.Encrypt.class));
                byte[] ciphertext = answer.data().orElse(new byte[0]);
                byte[] tag = answer.authenticatedEncryptionTag()
                        .orElseThrow(() -> new ProviderException("Donjon's GCM answer has no tag"));
                byte[] out = Arrays.copyOf(ciphertext, ciphertext.length + tag.length);
                System.arraycopy(tag, 0, out, ciphertext.length, tag.length);
                return out;
            }
            int tagBytes = tagBits / 8;
            if (data.length < tagBytes) {
                throw new AEADBadTagException("input shorter than the tag");
            }
            byte[] ciphertext = Arrays.copyOf(data, data.length - tagBytes);
            byte[] tag = Arrays.copyOfRange(data, data.length - tagBytes, data.length);
            try {
                return ServerCalls.run("Decrypt", () -> key.kmip().call(
                        new RequestPayload.Decrypt(Optional.of(key.uniqueIdentifier()), parameters,
                                Optional.of(ciphertext), Optional.of(iv), Optional.empty(), Optional.empty(),
                                Optional.empty(), additional, Optional.of(tag)),
                        ResponsePayload.Decrypt.class)).data().orElse(new byte[0]);
            } catch (ProviderException refused) {
                AEADBadTagException bad = new AEADBadTagException("Donjon could not authenticate the ciphertext");
                bad.initCause(refused);
                throw bad;
            }
        } finally {
            Arrays.fill(data, (byte) 0);
        }
    }

    @Override
    protected int engineDoFinal(byte[] in, int offset, int len, byte[] out, int outOffset)
            throws ShortBufferException, AEADBadTagException {
        byte[] result = engineDoFinal(in, offset, len);
        if (out.length - outOffset < result.length) {
            throw new ShortBufferException("needs " + result.length + " bytes");
        }
        System.arraycopy(result, 0, out, outOffset, result.length);
        return result.length;
    }
}
