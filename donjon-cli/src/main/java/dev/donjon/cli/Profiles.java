package dev.donjon.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;

/**
 * Where {@code donjon login} keeps connection profiles: one properties file per profile in the configuration
 * directory ({@code $DONJON_CONFIG_DIR}, else {@code $XDG_CONFIG_HOME/donjon}, else {@code ~/.config/donjon}), readable
 * by its owner only because it may hold a token.
 * <p>
 * Keys: {@code url} (comma-separated node URLs, tried in order), {@code ca} (PEM of the CA to trust),
 * {@code token_file} (a file holding the token) or {@code token} (the token itself, when it came from the
 * environment or standard input).
 */
final class Profiles {
    /** The system property tests set instead of the environment variable. */
    static final String DIRECTORY_PROPERTY = "donjon.config.dir";

    private Profiles() {
    }

    static Path directory() {
        String configured = System.getProperty(DIRECTORY_PROPERTY, System.getenv("DONJON_CONFIG_DIR"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config"))
                .resolve("donjon");
    }

    static Path file(String profile) {
        if (!profile.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("profile names are letters, digits, '.', '_' and '-': " + profile);
        }
        return directory().resolve(profile + ".properties");
    }

    static Properties read(String profile) {
        Path file = file(profile);
        Properties properties = new Properties();
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException(new IOException("cannot read profile " + file + ": " + e.getMessage(),
                        e));
            }
        }
        return properties;
    }

    static Path write(String profile, Properties properties) {
        Path file = file(profile);
        try {
            Files.createDirectories(file.getParent(),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path temporary = Files.createTempFile(file.getParent(), ".profile", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                properties.store(writer, "donjon login");
            }
            Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("cannot write profile " + file + ": " + e.getMessage(), e));
        }
    }
}
