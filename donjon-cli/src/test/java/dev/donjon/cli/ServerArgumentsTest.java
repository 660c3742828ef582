package dev.donjon.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code donjon server}'s arguments read without picocli mean what picocli reads them to mean, or go to picocli. */
class ServerArgumentsTest {

    @Test
    void theLaunchersFormsAreReadAsPicocliReadsThem() {
        List<String[]> forms = List.of(
                new String[]{"server", "--dev"},
                new String[]{"server"},
                new String[]{"server", "--dev", "--http"},
                new String[]{"server", "--dev", "--data-dir", "/tmp/d", "--port", "0"},
                new String[]{"server", "--port=8443", "--dev", "--data-dir=relative/dir"},
                new String[]{"server", "--http", "--dev", "--port", "65535"},
                new String[]{"server", "--data-dir", "a=b", "--dev"},
                new String[]{"server", "--config", "/etc/donjon/donjon.yaml"},
                new String[]{"server", "--config=donjon.yaml", "--port", "9"});
        for (String[] args : forms) {
            ServerCommand fast = ServerArguments.parse(args);
            ServerCommand picocli = picocli(args);
            assertThat(fast).as(String.join(" ", args)).isNotNull();
            assertThat(List.of(fast.dev, fast.http, String.valueOf(fast.dataDir), fast.port, String.valueOf(fast.config)))
                    .as(String.join(" ", args))
                    .isEqualTo(List.of(picocli.dev, picocli.http, String.valueOf(picocli.dataDir), picocli.port,
                            String.valueOf(picocli.config)));
        }
        assertThat(ServerArguments.parse("server", "--dev").dataDir).isEqualTo(Path.of("data"));
        assertThat(ServerArguments.parse("server", "--dev").port).isEqualTo(9311);
    }

    @Test
    void helpErrorsAndAnythingAmbiguousGoToPicocli() {
        List<String[]> others = List.of(
                new String[]{},
                new String[]{"token", "list"},
                new String[]{"--version"},
                new String[]{"server", "--help"},
                new String[]{"server", "-h"},
                new String[]{"server", "-V"},
                new String[]{"server", "--dev", "--dev"},
                new String[]{"server", "--port", "1", "--port=2"},
                new String[]{"server", "--port", "0x10"},
                new String[]{"server", "--port", "010"},
                new String[]{"server", "--port", "-1"},
                new String[]{"server", "--port", "99999999999"},
                new String[]{"server", "--port"},
                new String[]{"server", "--data-dir", "--dev"},
                new String[]{"server", "--data-dir", "@args.txt"},
                new String[]{"server", "--data-dir="},
                new String[]{"server", "--dev=true"},
                new String[]{"server", "--", "--dev"},
                new String[]{"server", "--devx"},
                new String[]{"server", "extra"},
                new String[]{"server", "@args.txt"});
        for (String[] args : others) {
            assertThat(ServerArguments.parse(args)).as(String.join(" ", args)).isNull();
        }
    }

    private static ServerCommand picocli(String... args) {
        CommandLine.ParseResult parsed = Donjon.commandLine().parseArgs(args);
        return (ServerCommand) parsed.subcommand().commandSpec().userObject();
    }
}
