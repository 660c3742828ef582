package dev.donjon.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The container file and the systemd unit, checked without a container engine: the image runs as a non-root user,
 * keeps its data in a volume, has a health check on {@code /healthz}, and copies what this module's build produces;
 * the unit passes {@code systemd-analyze verify} and carries the hardening directives.
 */
class PackagingTest {
    private static final Path ROOT = Path.of("..");

    @Test
    void theContainerFileRunsAsANonRootUserWithAVolumeAndAHealthCheck() throws Exception {
        String containerfile = Files.readString(ROOT.resolve("Containerfile"));
        List<String> runtime = List.of(containerfile.substring(containerfile.lastIndexOf("\nFROM ")).split("\n"));
        assertThat(runtime).anyMatch(line -> line.matches("USER (?!root\\b|0\\b)\\S+"));
        assertThat(runtime).contains("VOLUME /var/lib/donjon");
        assertThat(containerfile).containsPattern("HEALTHCHECK [^\\n]*\\\\\\n\\s+CMD curl -fsk [^\\n]*"
                + "https://127\\.0\\.0\\.1:9311/healthz");
        // What the runtime stage copies from the build stage is what this module's build writes.
        Matcher copies = Pattern.compile("COPY --from=build /src/(\\S+) ").matcher(containerfile);
        String pom = Files.readString(ROOT.resolve("donjon-cli/pom.xml"));
        int count = 0;
        while (copies.find()) {
            count++;
            switch (copies.group(1)) {
                case "donjon-cli/target/donjon.jar" -> assertThat(pom).contains("<finalName>donjon</finalName>");
                case "donjon-cli/target/lib/" -> assertThat(pom)
                        .contains("<outputDirectory>${project.build.directory}/lib</outputDirectory>")
                        .contains("<classpathPrefix>lib/</classpathPrefix>");
                default -> throw new AssertionError("the Containerfile copies an unknown path " + copies.group(1));
            }
        }
        assertThat(count).isEqualTo(2);
        Path built = ROOT.resolve("donjon-cli/target/lib");
        if (Files.isDirectory(built)) {
            assertThat(built.resolve("donjon-server-0.1.0-SNAPSHOT.jar")).exists();
        }
    }

    @Test
    void theSystemdUnitVerifiesAndIsHardened() throws Exception {
        Path unit = ROOT.resolve("packaging/donjon.service");
        String text = Files.readString(unit);
        assertThat(text).contains("User=donjon", "NoNewPrivileges=yes", "ProtectSystem=strict", "ProtectHome=yes",
                "PrivateTmp=yes", "PrivateDevices=yes", "CapabilityBoundingSet=\n", "StateDirectory=donjon",
                "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX", "SystemCallFilter=@system-service",
                "LimitNOFILE=", "UMask=0077", "ReadWritePaths=/var/lib/donjon");
        Process verify = new ProcessBuilder("systemd-analyze", "verify", unit.toAbsolutePath().toString())
                .redirectErrorStream(true).start();
        assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(verify.getInputStream().readAllBytes());
        assertThat(verify.exitValue()).as(output).isZero();
        assertThat(output).doesNotContain("donjon.service:");
    }
}
