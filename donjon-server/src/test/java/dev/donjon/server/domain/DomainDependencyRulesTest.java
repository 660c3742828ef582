package dev.donjon.server.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point inward: the domain names no HTTP, KMIP, SQL, JCA or logging type, and no class of the edges
 * (rest, kmipserver, store, crypto, auth, app). Checked on the sources so that a new file cannot slip past it.
 */
class DomainDependencyRulesTest {

    private static final Path DOMAIN = Path.of("src/main/java/dev/donjon/server/domain");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+);", Pattern.MULTILINE);
    private static final List<String> ALLOWED = List.of(
            "java.util.", "java.time.", "java.nio.charset.", "java.nio.ByteBuffer", "java.nio.CharBuffer", "java.math.", "java.net.URI",
            "java.io.Serial", "dev.donjon.server.domain.");

    @Test
    void domainImportsOnlyTheJdkCoreAndItself() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(DOMAIN)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    String imported = m.group(1);
                    if (ALLOWED.stream().noneMatch(imported::startsWith)) {
                        violations.add(DOMAIN.relativize(file) + " imports " + imported);
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void theFlatHallIsGone() throws IOException {
        // Only the shared kernel stays in the root package; every concept has its own room.
        try (Stream<Path> files = Files.list(DOMAIN)) {
            assertThat(files.filter(p -> p.toString().endsWith(".java")).map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("DomainException.java", "InfrastructureFailure.java", "ProjectId.java",
                            "Page.java", "CallContext.java");
        }
    }
}
