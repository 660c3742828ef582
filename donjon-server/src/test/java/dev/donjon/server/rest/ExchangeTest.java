package dev.donjon.server.rest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ExchangeTest {
    /** Bodies around the first buffer's size and the limit, read in small pieces as a socket delivers them. */
    @ParameterizedTest
    @CsvSource({"0, 10000", "1, 10000", "1023, 10000", "1024, 10000", "1025, 10000", "5000, 10000", "9999, 10000",
            "10000, 10000", "10001, 10000", "20000, 10000", "0, 0", "1, 0", "100, 100", "101, 100", "2048, 2048",
            "2049, 2048"})
    void aBodyUpToTheLimitIsReadWholeAndALongerOneIsRefused(int size, int limit) throws IOException {
        byte[] body = new byte[size];
        new Random(size).nextBytes(body);
        byte[] read = Exchange.readLimited(() -> trickling(body), limit);
        if (size <= limit) {
            assertThat(read).isEqualTo(body);
        } else {
            assertThat(read).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1024, 1 << 20})
    void aLimitAsLargeAsAnIntDoesNotOverflow(int size) throws IOException {
        byte[] body = new byte[size];
        assertThat(Exchange.readLimited(() -> new ByteArrayInputStream(body), Integer.MAX_VALUE)).isEqualTo(body);
    }

    private static InputStream trickling(byte[] body) {
        return new FilterInputStream(new ByteArrayInputStream(body)) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return super.read(buffer, offset, Math.min(length, 7));
            }
        };
    }
}
