package dev.donjon.bench;

import dev.donjon.kmip.message.ProtocolVersion;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KmipOptionsTest {
    private static final String[] IDENTITY = {"--cacert", "ca.pem", "--cert", "c.pem", "--key", "k.pem"};

    private static KmipOptions parse(String... extra) {
        String[] args = new String[IDENTITY.length + extra.length];
        System.arraycopy(IDENTITY, 0, args, 0, IDENTITY.length);
        System.arraycopy(extra, 0, args, IDENTITY.length, extra.length);
        return KmipOptions.parse(args);
    }

    @Test
    void defaultsMeasureEveryOperationOnPersistentConnectionsAt1And8() {
        KmipOptions options = parse();
        assertThat(options.host()).isEqualTo("127.0.0.1");
        assertThat(options.port()).isEqualTo(5696);
        assertThat(options.clientCert()).isEqualTo(Path.of("c.pem"));
        assertThat(options.operations()).containsExactly(KmipCall.values());
        assertThat(options.concurrencies()).containsExactly(1, 8);
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.newConnectionPerOperation()).isFalse();
        assertThat(options.protocolVersion()).isEqualTo(ProtocolVersion.V1_4);
        assertThat(options.preload()).isZero();
        assertThat(options.serverPid()).isEmpty();
    }

    @Test
    void readsEveryOption() {
        KmipOptions options = parse("--host", "kms", "--port=15696", "--op", "get,locate", "--concurrency", "8",
                "--duration", "500ms", "--warmup", "0s", "--new-connection", "--protocol", "2.1", "--preload",
                "100000", "--json", "--server-pid", "4242");
        assertThat(options.operations()).isEqualTo(List.of(KmipCall.GET, KmipCall.LOCATE));
        assertThat(options.port()).isEqualTo(15696);
        assertThat(options.duration()).isEqualTo(Duration.ofMillis(500));
        assertThat(options.newConnectionPerOperation()).isTrue();
        assertThat(options.protocolVersion()).isEqualTo(ProtocolVersion.V2_1);
        assertThat(options.preload()).isEqualTo(100_000);
        assertThat(options.json()).isTrue();
        assertThat(options.serverPid()).hasValue(4242);
    }

    @Test
    void refusesIncompleteOrInvalidCommandLines() {
        assertThatThrownBy(() -> KmipOptions.parse("--cacert", "ca.pem")).hasMessage("--cert is required");
        assertThatThrownBy(() -> parse("--op", "rekey")).hasMessageContaining("unknown operation 'rekey'");
        assertThatThrownBy(() -> parse("--protocol", "3.0")).hasMessage("--protocol must be 1.4 or 2.1");
        assertThatThrownBy(() -> parse("--port", "0")).hasMessageContaining("not a number from 1 to 65535");
        assertThatThrownBy(() -> parse("--insecure")).hasMessageContaining("TLS is always verified");
    }
}
