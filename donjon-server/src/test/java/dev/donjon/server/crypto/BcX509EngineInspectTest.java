package dev.donjon.server.crypto;

import dev.donjon.server.domain.pki.X509Engine;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine reads what a registered certificate says about itself, so that the KMIP edge parses nothing. */
class BcX509EngineInspectTest {
    private final BcX509Engine engine = new BcX509Engine(new SecureRandom());

    @Test
    void readsNamesSerialSignatureAlgorithmAndKey() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (X509Engine.NewCa root = engine.newRoot("CN=Inspect Root,OU=Keys,O=Donjon,C=FR", now,
                now.plus(1, ChronoUnit.DAYS))) {
            X509Engine.Inspected inspected = engine.inspect(root.certificate());
            X509Engine.Described described = engine.describe(root.certificate());

            assertThat(inspected.subjectDn()).isEqualTo("CN=Inspect Root,OU=Keys,O=Donjon,C=FR");
            assertThat(inspected.issuerDn()).isEqualTo(inspected.subjectDn());
            assertThat(inspected.issuerName()).isEqualTo(inspected.subjectName()).isNotEmpty();
            assertThat(inspected.serialNumber().toString(16)).isEqualTo(described.serial());
            // Read from the left, as the name is written.
            assertThat(inspected.subjectComponents()).containsExactly(
                    new X509Engine.NameComponent("CN", "Inspect Root"), new X509Engine.NameComponent("OU", "Keys"),
                    new X509Engine.NameComponent("O", "Donjon"), new X509Engine.NameComponent("C", "FR"));
            assertThat(inspected.signatureAlgorithm()).matches("[0-9.]+");
            assertThat(inspected.keyAlgorithm()).isPresent();
            assertThat(inspected.keyLength()).hasValueSatisfying(bits -> assertThat(bits).isGreaterThanOrEqualTo(256));
        }
    }

    @Test
    void somethingElseIsUnacceptable() {
        assertThatThrownBy(() -> engine.inspect(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}))
                .isInstanceOf(X509Engine.Unacceptable.class).hasMessage("not an X.509 certificate");
    }
}
