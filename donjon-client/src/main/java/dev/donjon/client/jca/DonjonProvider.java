package dev.donjon.client.jca;

import java.security.Provider;

/**
 * The Donjon JCA provider: a {@code KeyStore} of type {@code Donjon} over KMIP, and Cipher, Signature and Mac
 * implementations that run on the server for the keys that store returns.
 * <pre>{@code
 * Provider donjon = new DonjonProvider();
 * KeyStore keys = KeyStore.getInstance("Donjon", donjon);
 * keys.load(Files.newInputStream(Path.of("donjon-kmip.properties")), null);   // host, port, ca, certificate, key
 * Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", donjon);
 * cipher.init(Cipher.ENCRYPT_MODE, keys.getKey("payments-key", null));
 * }</pre>
 */
public final class DonjonProvider extends Provider {
    public static final String NAME = "Donjon";

    public DonjonProvider() {
        super(NAME, "0.1", "Donjon KMS: key store and server-side Cipher, Signature and Mac over KMIP");
        String jca = "dev.donjon.client.jca.";
        put("KeyStore.Donjon", jca + "DonjonKeyStore");
        put("Cipher.AES/GCM/NoPadding", jca + "DonjonCipher");
        put("Signature.SHA256withRSA", jca + "DonjonSignature$Sha256WithRsa");
        put("Signature.SHA384withRSA", jca + "DonjonSignature$Sha384WithRsa");
        put("Signature.SHA512withRSA", jca + "DonjonSignature$Sha512WithRsa");
        put("Signature.SHA256withECDSA", jca + "DonjonSignature$Sha256WithEcdsa");
        put("Signature.SHA384withECDSA", jca + "DonjonSignature$Sha384WithEcdsa");
        put("Mac.HmacSHA256", jca + "DonjonMac$HmacSha256");
        put("Mac.HmacSHA384", jca + "DonjonMac$HmacSha384");
        put("Mac.HmacSHA512", jca + "DonjonMac$HmacSha512");
        // The SPIs take only Donjon key handles; other keys go to other providers.
        for (String service : new String[] {"Cipher.AES/GCM/NoPadding", "Signature.SHA256withRSA",
                "Signature.SHA384withRSA", "Signature.SHA512withRSA", "Signature.SHA256withECDSA",
                "Signature.SHA384withECDSA", "Mac.HmacSHA256", "Mac.HmacSHA384", "Mac.HmacSHA512"}) {
            put(service + " SupportedKeyClasses", jca + "DonjonKeyHandle");
        }
    }
}
