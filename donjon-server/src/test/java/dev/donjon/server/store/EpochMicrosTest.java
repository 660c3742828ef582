package dev.donjon.server.store;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EpochMicrosTest {
    @Test
    void anInstantIsStoredAsItsMicrosecondRoundedTowardsThePast() {
        assertThat(EpochMicros.floor(Instant.parse("1970-01-01T00:00:01.000002999Z"))).isEqualTo(1_000_002);
        assertThat(EpochMicros.floor(Instant.parse("1969-12-31T23:59:59.999999999Z"))).isEqualTo(-1);
    }

    @Test
    void theCeilingIsTheFloorForWholeMicrosecondsAndTheNextOneOtherwise() {
        assertThat(EpochMicros.ceiling(Instant.parse("1970-01-01T00:00:00.000005Z"))).isEqualTo(5);
        assertThat(EpochMicros.ceiling(Instant.parse("1970-01-01T00:00:00.000005001Z"))).isEqualTo(6);
    }

    @Test
    void microsecondsComeBackAsTheSameInstant() {
        for (String text : new String[] {"2030-01-01T00:00:00.000001Z", "1969-12-31T23:59:59.999999Z",
                "9999-12-31T23:59:59.999999Z"}) {
            Instant instant = Instant.parse(text);
            assertThat(EpochMicros.toInstant(EpochMicros.floor(instant))).isEqualTo(instant);
        }
    }

    @Test
    void instantsBeyondTheRangeOfALongAreRefused() {
        assertThatThrownBy(() -> EpochMicros.floor(Instant.MAX)).isInstanceOf(IllegalArgumentException.class);
    }
}
