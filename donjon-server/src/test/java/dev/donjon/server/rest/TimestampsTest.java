package dev.donjon.server.rest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Timestamps as Barbican reads {@code expiration} and the listing's date filters: oslo's {@code parse_isotime}, that
 * is {@code iso8601.parse_date} 1.0 (the expected instants below are what that parser gives for each input).
 */
class TimestampsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // Python's str(datetime): a space, microseconds, no zone (UTC).
            "2026-12-05 05:10:11.123456        | 2026-12-05T05:10:11.123456Z",
            "2026-12-05T05:10:11               | 2026-12-05T05:10:11Z",
            // Offsets as functional tests and time.strftime("%z") write them.
            "2026-12-05 05:10:11.5-05:00       | 2026-12-05T10:10:11.500Z",
            "2026-12-05 05:10:11.123456+01     | 2026-12-05T04:10:11.123456Z",
            "2026-12-05T05:10:11+0000          | 2026-12-05T05:10:11Z",
            "2026-12-05T05:10:11.123456-0130   | 2026-12-05T06:40:11.123456Z",
            "2026-12-05T05:10:11Z              | 2026-12-05T05:10:11Z",
            // Fractions beyond microseconds are dropped, a comma is a decimal sign.
            "2026-12-05T05:10:11,1234567       | 2026-12-05T05:10:11.123456Z",
            // Basic format, hours and minutes only, a date alone, one-digit month and day after dashes.
            "20261205T051011                   | 2026-12-05T05:10:11Z",
            "2026-12-05T05:10                  | 2026-12-05T05:10:00Z",
            "2026-12-05                        | 2026-12-05T00:00:00Z",
            "2026-1-5                          | 2026-01-05T00:00:00Z",
            "2026                              | 2026-01-01T00:00:00Z",
    })
    void readsWhatIso8601Reads(String text, String expected) {
        assertThat(Timestamps.parse(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {"2026-12-05 05:10:11-5:00", "202612", "2026-13-01", "2026-02-30T00:00:00",
            "2026-12-05T24:00:00", "2026-12-05T05:10:60", "0000-01-01", "2026-12-05T05:10:11+24:00", "tomorrow", "",
            "2026-12-05X05:10:11"})
    void refusesWhatIso8601Refuses(String text) {
        assertThatThrownBy(() -> Timestamps.parse(text)).isInstanceOf(DateTimeParseException.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2026-12-05 05:10:11.123456", "2026-12-05T05:10:11", "2026-12-05T05:10:11.000001"})
    void formatsWhatItReadsBackInBarbicansForm(String text) {
        assertThat(Timestamps.format(Timestamps.parse(text))).isEqualTo(text.replace(' ', 'T'));
    }
}
