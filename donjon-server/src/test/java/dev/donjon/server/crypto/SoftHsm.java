package dev.donjon.server.crypto;

import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.interop.DebianPackages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real SoftHSM2 token for the tests: Debian's {@code softhsm2} (installed when missing), its token directory under
 * {@code target/softhsm2} named by {@code SOFTHSM2_CONF} (set for the test JVM by the build, since the library reads
 * it once per process). Each fixture initialises a token of its own, with a unique label.
 */
public final class SoftHsm {
    public static final Path UTIL = Path.of("/usr/bin/softhsm2-util");
    public static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    public static final String PIN = "1234";

    private final String label;

    private SoftHsm(String label) {
        this.label = label;
    }

    private static SoftHsm shared;

    /**
     * The token of this JVM, initialised with user PIN {@value #PIN} before anything loads the library: SoftHSM2
     * lists its tokens once, when a process first initialises it, so a process sees no token made after that. Tests
     * keep apart by key label.
     */
    public static synchronized SoftHsm shared() throws IOException, InterruptedException {
        if (shared == null) {
            shared = newToken();
        }
        return shared;
    }

    /** A new token, for a server process started after this call. */
    public static SoftHsm newToken() throws IOException, InterruptedException {
        DebianPackages.require(UTIL, "softhsm2");
        Path conf = Path.of(System.getenv().getOrDefault("SOFTHSM2_CONF", ""));
        if (conf.toString().isEmpty()) {
            throw new AssertionError("SOFTHSM2_CONF is not set: run the tests through Maven");
        }
        Path tokens = conf.toAbsolutePath().getParent().resolve("tokens");
        Files.createDirectories(tokens);
        if (!Files.exists(conf)) {
            Files.writeString(conf, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\n"
                    + "log.level = ERROR\nslots.removable = false\n");
        }
        String label = "donjon-" + UUID.randomUUID().toString().substring(0, 8);
        run(List.of(UTIL.toString(), "--init-token", "--free", "--label", label, "--so-pin", "5678", "--pin", PIN));
        return new SoftHsm(label);
    }

    public String label() {
        return label;
    }

    /** The {@code master_key} of a node using this token, its PIN in {@code DONJON_HSM_PIN}. */
    public DonjonConfig.Pkcs11 config(String keyLabel) {
        return new DonjonConfig.Pkcs11(LIBRARY, -1, label, null, "DONJON_HSM_PIN", keyLabel, 4);
    }

    /** Deletes the token, as if it had been removed from the reader. */
    public void delete() throws IOException, InterruptedException {
        run(List.of(UTIL.toString(), "--delete-token", "--token", label));
    }

    static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(command + " did not finish");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException(command + " failed: " + output);
        }
        return output;
    }
}
