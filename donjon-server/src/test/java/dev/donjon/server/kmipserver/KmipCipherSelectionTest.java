package dev.donjon.server.kmipserver;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.BlockCipherMode;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.KeyFormatType;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.enums.Operation;
import dev.donjon.kmip.enums.PaddingMethod;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.enums.ResultStatus;
import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

import static dev.donjon.server.kmipserver.Kmip.bytes;
import static dev.donjon.server.kmipserver.Kmip.enumeration;
import static dev.donjon.server.kmipserver.Kmip.structure;
import static dev.donjon.server.kmipserver.Kmip.uid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The key's own Cryptographic Algorithm decides how Encrypt and Decrypt compute: a Triple-DES key encrypts as Triple
 * DES (it once encrypted as AES-192), an HMAC key does not encrypt at all (it once encrypted as AES-256), and a
 * request naming another algorithm than the key's is refused.
 */
class KmipCipherSelectionTest extends KmipServerFixture {
    private static final byte[] DATA = "attack at dawn, by the north gate".getBytes(StandardCharsets.UTF_8);
    private static final byte[] IV = HexFormat.of().parseHex("0001020304050607");

    /** Registers and activates a key for Encrypt and Decrypt. */
    private String register(CryptographicAlgorithm algorithm, byte[] key) throws Exception {
        try (KmipConnection kmip = connect().version(2, 1)) {
            return KmipCryptographyTest.register(kmip, ObjectType.SYMMETRIC_KEY, Tag.SYMMETRIC_KEY,
                    KeyFormatType.RAW, bytes(Tag.KEY_MATERIAL, key), algorithm, key.length * 8,
                    Kmip.ENCRYPT_DECRYPT);
        }
    }

    private static Structure cbc(CryptographicAlgorithm named) {
        return named == null
                ? structure(Tag.CRYPTOGRAPHIC_PARAMETERS, enumeration(Tag.BLOCK_CIPHER_MODE, BlockCipherMode.CBC),
                enumeration(Tag.PADDING_METHOD, PaddingMethod.PKCS5))
                : structure(Tag.CRYPTOGRAPHIC_PARAMETERS, enumeration(Tag.BLOCK_CIPHER_MODE, BlockCipherMode.CBC),
                enumeration(Tag.PADDING_METHOD, PaddingMethod.PKCS5),
                enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, named));
    }

    private static byte[] desede(byte[] key, byte[] iv, byte[] data) throws Exception {
        byte[] full = key.length == 24 ? key : Arrays.copyOf(key, 24);
        if (key.length == 16) {
            System.arraycopy(key, 0, full, 16, 8);
        }
        Cipher cipher = Cipher.getInstance("DESede/CBC/PKCS5Padding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(full, "DESede"), new IvParameterSpec(iv));
        return cipher.doFinal(data);
    }

    @Test
    void aTripleDesKeyEncryptsAsTripleDesWithOrWithoutTheAlgorithmInTheRequest() throws Exception {
        for (int bytes : new int[]{24, 16}) {
            byte[] key = new byte[bytes];
            new SecureRandom().nextBytes(key);
            String id = register(CryptographicAlgorithm.DES3, key);
            for (int[] version : new int[][]{{1, 2}, {1, 4}, {2, 1}}) {
                try (KmipConnection kmip = connect().version(version[0], version[1])) {
                    for (CryptographicAlgorithm named : new CryptographicAlgorithm[]{null,
                            CryptographicAlgorithm.DES3}) {
                        byte[] encrypted = Kmip.bytes(kmip.ok(Operation.ENCRYPT, uid(id), cbc(named),
                                bytes(Tag.DATA, DATA), bytes(Tag.IV_COUNTER_NONCE, IV)), Tag.DATA);
                        assertThat(encrypted).as("%d-byte key at %d.%d", bytes, version[0], version[1])
                                .isEqualTo(desede(key, IV, DATA));
                        byte[] decrypted = Kmip.bytes(kmip.ok(Operation.DECRYPT, uid(id), cbc(named),
                                bytes(Tag.DATA, encrypted), bytes(Tag.IV_COUNTER_NONCE, IV)), Tag.DATA);
                        assertThat(decrypted).isEqualTo(DATA);
                    }
                }
            }
        }
    }

    @Test
    void anHmacKeyDoesNotEncrypt() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String id = register(CryptographicAlgorithm.HMAC_SHA256, key);
        for (int[] version : new int[][]{{1, 4}, {2, 1}}) {
            try (KmipConnection kmip = connect().version(version[0], version[1])) {
                Structure refused = kmip.call(Operation.ENCRYPT, uid(id), cbc(null), bytes(Tag.DATA, DATA),
                        bytes(Tag.IV_COUNTER_NONCE, new byte[16]));
                assertThat(KmipConnection.status(refused)).isEqualTo(ResultStatus.OPERATION_FAILED);
                assertThat(KmipConnection.reason(refused)).isEqualTo(ResultReason.PERMISSION_DENIED);
                assertThat(refused.find(Tag.RESPONSE_PAYLOAD)).isEmpty();
            }
        }
    }

    @Test
    void aRequestNamingAnotherAlgorithmThanTheKeysIsRefused() throws Exception {
        byte[] key = new byte[24];
        new SecureRandom().nextBytes(key);
        String aes = register(CryptographicAlgorithm.AES, key);
        String des3 = register(CryptographicAlgorithm.DES3, key);
        try (KmipConnection v14 = connect().version(1, 4); KmipConnection v21 = connect().version(2, 1)) {
            Structure asDes = v14.call(Operation.ENCRYPT, uid(aes), cbc(CryptographicAlgorithm.DES3),
                    bytes(Tag.DATA, DATA), bytes(Tag.IV_COUNTER_NONCE, IV));
            assertThat(KmipConnection.reason(asDes)).isEqualTo(ResultReason.PERMISSION_DENIED);
            Structure asAes = v21.call(Operation.DECRYPT, uid(des3), cbc(CryptographicAlgorithm.AES),
                    bytes(Tag.DATA, new byte[16]), bytes(Tag.IV_COUNTER_NONCE, new byte[16]));
            assertThat(KmipConnection.reason(asAes)).isEqualTo(ResultReason.BAD_CRYPTOGRAPHIC_PARAMETERS);
        }
    }
}
