package dev.donjon.bench;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchOptionsTest {

    @Test
    void defaultsNeedOnlyCredentials() {
        BenchOptions o = BenchOptions.parse("--token", "djt_x_y");

        assertThat(o.url()).isEqualTo(URI.create("https://127.0.0.1:9311"));
        assertThat(o.caCert()).isNull();
        assertThat(o.credentials()).isEqualTo(new RestCredentials.ApiToken("djt_x_y"));
        assertThat(o.operations()).as("all: every operation but post-new-project, which needs trusted headers")
                .containsExactly(RestCall.POST, RestCall.GET_META, RestCall.GET_PAYLOAD, RestCall.DELETE);
        assertThat(o.concurrencies()).containsExactly(1, 16);
        assertThat(o.duration()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.warmup()).isEqualTo(Duration.ofSeconds(3));
        assertThat(o.json()).isFalse();
        assertThat(o.serverPid()).isEmpty();
    }

    @Test
    void theDocumentedCommandLine() {
        BenchOptions o = BenchOptions.parse("--url", "https://127.0.0.1:9311/", "--cacert", "data/ca.pem",
                "--token", "T", "--op", "all", "--concurrency", "1,16", "--duration", "10s", "--json", "--server-pid", "4242");

        assertThat(o.url()).isEqualTo(URI.create("https://127.0.0.1:9311"));
        assertThat(o.caCert()).isEqualTo(Path.of("data/ca.pem"));
        assertThat(o.json()).isTrue();
        assertThat(o.maxConcurrency()).isEqualTo(16);
        assertThat(o.serverPid()).hasValue(4242);
    }

    @Test
    void listsDurationsAndEqualsSyntax() {
        BenchOptions o = BenchOptions.parse("--project=p1", "--roles=admin,creator", "--op=get-payload,post,post",
                "--concurrency=4, 64,4", "--duration=1500ms", "--warmup=0", "--url=http://kms:8080/prefix//");

        assertThat(o.credentials()).isEqualTo(new RestCredentials.TrustedHeaders("p1", "admin,creator"));
        assertThat(o.credentials().headers()).containsExactly(
                new Header("X-Project-Id", "p1"), new Header("X-Roles", "admin,creator"));
        assertThat(o.operations()).containsExactly(RestCall.GET_PAYLOAD, RestCall.POST);
        assertThat(o.concurrencies()).containsExactly(4, 64);
        assertThat(o.duration()).isEqualTo(Duration.ofMillis(1500));
        assertThat(o.warmup()).isZero();
        assertThat(o.url()).isEqualTo(URI.create("http://kms:8080/prefix"));
        assertThat(Args.duration("x", "2m")).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void projectWithoutRolesSendsNoRolesHeader() {
        assertThat(BenchOptions.parse("--project", "p").credentials().headers())
                .containsExactly(new Header("X-Project-Id", "p"));
    }

    @Test
    void rejectsWhatItCannotRun() {
        assertUsage("authentication required", "--op", "post");
        assertUsage("not both", "--token", "t", "--project", "p");
        assertUsage("--roles needs --project", "--roles", "admin");
        assertUsage("TLS is always verified", "--token", "t", "--insecure");
        assertUsage("unknown option --cafile", "--token", "t", "--cafile", "x");
        assertUsage("unexpected argument 'post'", "--token", "t", "post");
        assertUsage("--duration needs a value", "--token", "t", "--duration");
        assertUsage("--json takes no value", "--token", "t", "--json=yes");
        assertUsage("given twice", "--token", "t", "--op", "post", "--op", "delete");
        assertUsage("unknown operation 'get'", "--token", "t", "--op", "get");
        assertUsage("empty item", "--token", "t", "--op", "post,");
        assertUsage("not a number from 1", "--token", "t", "--concurrency", "0");
        assertUsage("not a number from 1", "--token", "t", "--concurrency", "many");
        assertUsage("not a duration", "--token", "t", "--duration", "10h");
        assertUsage("not a duration", "--token", "t", "--warmup", "99999999999s");
        assertUsage("must be positive", "--token", "t", "--duration", "0s");
        assertUsage("https:// or http://", "--token", "t", "--url", "ftp://host");
        assertUsage("no query", "--token", "t", "--url", "https://host/?x=1");
        assertUsage("plain http://", "--token", "t", "--url", "http://host", "--cacert", "ca.pem");
        assertUsage("is not a process id", "--token", "t", "--server-pid", "0");
        assertUsage("printable ASCII", "--token", "t\r\nX-Evil: 1");
    }

    private static void assertUsage(String message, String... args) {
        assertThatThrownBy(() -> BenchOptions.parse(args)).as(List.of(args).toString())
                .isInstanceOf(UsageException.class).hasMessageContaining(message);
    }
}
