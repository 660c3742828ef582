package dev.donjon.server.domain.object;

import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.object.KeyProtection.Exposure;
import dev.donjon.server.domain.object.KeyProtection.Refusal;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** When key material may leave the server (KMIP 1.4 §3.48, §3.50): one rule, whichever protocol asks. */
class KeyProtectionTest {
    @Test
    void byDefaultKeyMaterialLeavesInTheClearOrWrapped() {
        assertThat(KeyProtection.DEFAULT.refusal(Exposure.CLEAR)).isEmpty();
        assertThat(KeyProtection.DEFAULT.refusal(Exposure.WRAPPED)).isEmpty();
    }

    @Test
    void sensitiveKeyMaterialLeavesOnlyWrapped() {
        KeyProtection sensitive = KeyProtection.DEFAULT.withSensitive(true);
        assertThat(sensitive.refusal(Exposure.CLEAR)).contains(Refusal.SENSITIVE);
        assertThat(sensitive.refusal(Exposure.WRAPPED)).isEmpty();
    }

    @Test
    void keyMaterialThatIsNotExtractableNeverLeavesWhateverElseHolds() {
        for (boolean sensitive : new boolean[]{false, true}) {
            KeyProtection kept = new KeyProtection(sensitive, false);
            assertThat(kept.refusal(Exposure.CLEAR)).contains(Refusal.NOT_EXTRACTABLE);
            assertThat(kept.refusal(Exposure.WRAPPED)).contains(Refusal.NOT_EXTRACTABLE);
        }
    }

    @Test
    void aRefusalIsATypedDomainFailureThatSaysWhy() {
        assertThatThrownBy(() -> new KeyProtection(false, false).requireServable(Exposure.WRAPPED))
                .isInstanceOfSatisfying(DomainException.Withheld.class,
                        e -> assertThat(e.refusal()).isEqualTo(Refusal.NOT_EXTRACTABLE))
                .hasMessageContaining("never leaves the server");
        assertThatThrownBy(() -> new KeyProtection(true, true).requireServable(Exposure.CLEAR))
                .isInstanceOfSatisfying(DomainException.Withheld.class,
                        e -> assertThat(e.refusal()).isEqualTo(Refusal.SENSITIVE))
                .hasMessageContaining("wrapped");
    }
}
