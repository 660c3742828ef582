package dev.donjon.server.crypto;

import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.domain.DomainException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The PKCS#11 master keystore on a real SoftHSM2 token. */
class Pkcs11MasterKeystoreTest {
    private static final Map<String, String> ENV = Map.of("DONJON_HSM_PIN", SoftHsm.PIN);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static SoftHsm hsm;

    @BeforeAll
    static void token() throws Exception {
        hsm = SoftHsm.shared();
    }

    private static byte[] kek() {
        byte[] kek = new byte[32];
        RANDOM.nextBytes(kek);
        return kek;
    }

    @Test
    void createsANonExtractableKeyInTheTokenAndWrapsInsideIt() {
        try (Pkcs11MasterKeystore keystore = Pkcs11MasterKeystore.open(hsm.config("created"), ENV, () -> { })) {
            assertThat(keystore.versions()).containsExactly(1);
            assertThat(keystore.exportable(1)).isFalse();
            byte[] kek = kek();
            MasterKeystore.Wrapped wrapped = keystore.wrap(kek);
            assertThat(wrapped.masterKeyVersion()).isEqualTo(1);
            assertThat(wrapped.bytes()).hasSize(60);
            assertThat(keystore.unwrap(1, wrapped.bytes())).isEqualTo(kek);

            byte[] tampered = wrapped.bytes();
            tampered[5] ^= 1;
            assertThatThrownBy(() -> keystore.unwrap(1, tampered)).isInstanceOf(DomainException.Integrity.class);
            assertThatThrownBy(() -> keystore.unwrap(9, wrapped.bytes())).isInstanceOf(DomainException.Integrity.class);
        }
        // Reopened: the same key, found by its label, not created again.
        try (Pkcs11MasterKeystore keystore = Pkcs11MasterKeystore.open(hsm.config("created"), ENV, () -> {
            throw new AssertionError("must not create");
        })) {
            assertThat(keystore.versions()).containsExactly(1);
        }
    }

    @Test
    void rotationAddsAVersionThatAnotherInstanceFinds() {
        try (Pkcs11MasterKeystore first = Pkcs11MasterKeystore.open(hsm.config("rotated"), ENV, () -> { });
             Pkcs11MasterKeystore second = Pkcs11MasterKeystore.open(hsm.config("rotated"), ENV, () -> { })) {
            byte[] kek = kek();
            MasterKeystore.Wrapped old = first.wrap(kek);
            assertThat(first.rotate()).isEqualTo(2);
            MasterKeystore.Wrapped fresh = first.wrap(kek);
            assertThat(fresh.masterKeyVersion()).isEqualTo(2);
            assertThat(first.unwrap(1, old.bytes())).isEqualTo(kek);
            // The other instance has not listed version 2 yet: an unwrap under it looks again.
            assertThat(second.unwrap(2, fresh.bytes())).isEqualTo(kek);
            second.refresh();
            assertThat(second.currentVersion()).isEqualTo(2);
            assertThatThrownBy(() -> first.retire(2)).isInstanceOf(IllegalArgumentException.class);
            first.retire(1);
            assertThat(first.versions()).containsExactly(2);
        }
    }

    @Test
    void withoutAKeyAndNotAllowedToCreateOneItRefuses() {
        assertThatThrownBy(() -> Pkcs11MasterKeystore.open(hsm.config("absent"), ENV, () -> {
            throw new MasterKeyCheck.Refused("no key");
        })).isInstanceOf(MasterKeyCheck.Refused.class).hasMessage("no key");
    }

    @Test
    void aWrongPinIsRefusedWithTheReason() {
        assertThatThrownBy(() -> Pkcs11MasterKeystore.open(hsm.config("created"), Map.of("DONJON_HSM_PIN", "0000"),
                () -> { })).isInstanceOf(MasterKeyCheck.Refused.class)
                .hasMessageContaining("cannot log in").hasMessageContaining("CKR_PIN_INCORRECT");
        assertThatThrownBy(() -> Pkcs11MasterKeystore.open(hsm.config("created"), Map.of(), () -> { }))
                .isInstanceOf(MasterKeyCheck.Refused.class).hasMessageContaining("DONJON_HSM_PIN");
    }

    @Test
    void aLibraryThatIsMissingOrNotPkcs11IsRefusedWithTheReason() {
        DonjonConfig.Pkcs11 good = hsm.config("created");
        DonjonConfig.Pkcs11 missing = new DonjonConfig.Pkcs11(Path.of("/nonexistent/libpkcs11.so"), 0, null, null,
                "DONJON_HSM_PIN", "k", 4);
        assertThatThrownBy(() -> Pkcs11MasterKeystore.open(missing, ENV, () -> { }))
                .isInstanceOf(MasterKeyCheck.Refused.class).hasMessageContaining("/nonexistent/libpkcs11.so");
        DonjonConfig.Pkcs11 notPkcs11 = new DonjonConfig.Pkcs11(Path.of("/bin/true"), 0, null, null,
                "DONJON_HSM_PIN", "k", 4);
        assertThatThrownBy(() -> Pkcs11MasterKeystore.open(notPkcs11, ENV, () -> { }))
                .isInstanceOf(MasterKeyCheck.Refused.class).hasMessageContaining("/bin/true");
        DonjonConfig.Pkcs11 noToken = new DonjonConfig.Pkcs11(good.library(), -1, "no-such-token", null,
                "DONJON_HSM_PIN", "k", 4);
        assertThatThrownBy(() -> Pkcs11MasterKeystore.open(noToken, ENV, () -> { }))
                .isInstanceOf(MasterKeyCheck.Refused.class).hasMessageContaining("no token labelled 'no-such-token'");
    }
}
