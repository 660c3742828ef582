package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.message.ProtocolVersion;
import dev.donjon.server.crypto.CipherStream;
import dev.donjon.server.crypto.JcaKeyCryptography;
import dev.donjon.server.crypto.Primitives;
import dev.donjon.server.domain.access.AuthMethod;
import dev.donjon.server.domain.CallContext;
import dev.donjon.server.domain.object.KeyCryptography;
import dev.donjon.server.domain.access.Principal;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.access.Role;
import dev.donjon.server.domain.barbican.SecretId;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The open-stream registry on its own, where time can be moved on: idle streams expire and free their slot. */
class CipherStreamsTest {
    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final CipherStreams streams = new CipherStreams(new SecureRandom(), clock);
    private final OperationContext alice = context("alice");
    private final SecretId key = SecretId.random();

    private static OperationContext context(String user) {
        return new OperationContext(new CallContext(new Principal(user, new ProjectId("p"), Set.of(Role.ADMIN),
                AuthMethod.CLIENT_CERTIFICATE), "test"), ProtocolVersion.V2_1);
    }

    private static KeyCryptography.Stream aesCtr() {
        return JcaKeyCryptography.stream(CipherStream.aes(true, new byte[16], new Primitives.AesRequest(
                Primitives.AesMode.CTR, false, new byte[16], null, 16), null, CipherStreams.MAX_HELD_BACK_BYTES));
    }

    @Test
    void aStreamLeftIdleExpiresAndItsCorrelationValueThenNamesNothing() {
        byte[] correlation = streams.open(alice, key, CipherStreams.Direction.ENCRYPT, aesCtr());
        for (int part = 0; part < 2; part++) {
            // Each part restarts the idle time: the stream outlives one expiry period in all.
            clock.advance(CipherStreams.IDLE_EXPIRY.minusSeconds(1));
            streams.release(streams.claim(alice, correlation, CipherStreams.Direction.ENCRYPT,
                    Optional.of(key.toString())));
        }

        clock.advance(CipherStreams.IDLE_EXPIRY.plusSeconds(1));
        assertThatThrownBy(() -> streams.claim(alice, correlation, CipherStreams.Direction.ENCRYPT, Optional.empty()))
                .isInstanceOfSatisfying(KmipError.class,
                        e -> assertThat(e.reason()).isEqualTo(ResultReason.INVALID_CORRELATION_VALUE));
    }

    @Test
    void expiredStreamsFreeTheirClientsSlots() {
        for (int i = 0; i < CipherStreams.MAX_OPEN_PER_CLIENT; i++) {
            streams.open(alice, key, CipherStreams.Direction.ENCRYPT, aesCtr());
        }
        assertThatThrownBy(() -> streams.open(alice, key, CipherStreams.Direction.ENCRYPT, aesCtr()))
                .isInstanceOfSatisfying(KmipError.class,
                        e -> assertThat(e.reason()).isEqualTo(ResultReason.SERVER_LIMIT_EXCEEDED));
        assertThat(streams.open(context("bob"), key, CipherStreams.Direction.ENCRYPT, aesCtr()))
                .as("another client has slots of its own").hasSize(16);

        clock.advance(CipherStreams.IDLE_EXPIRY.plusSeconds(1));
        assertThat(streams.open(alice, key, CipherStreams.Direction.ENCRYPT, aesCtr())).hasSize(16);
    }

    @Test
    void theServerHoldsOnlySoManyStreamsInAll() {
        int clients = CipherStreams.MAX_OPEN / CipherStreams.MAX_OPEN_PER_CLIENT;
        for (int client = 0; client < clients; client++) {
            OperationContext context = context("client-" + client);
            for (int i = 0; i < CipherStreams.MAX_OPEN_PER_CLIENT; i++) {
                streams.open(context, key, CipherStreams.Direction.ENCRYPT, aesCtr());
            }
        }
        assertThatThrownBy(() -> streams.open(context("one-more"), key, CipherStreams.Direction.ENCRYPT, aesCtr()))
                .isInstanceOfSatisfying(KmipError.class,
                        e -> assertThat(e.reason()).isEqualTo(ResultReason.SERVER_LIMIT_EXCEEDED));
    }
}
