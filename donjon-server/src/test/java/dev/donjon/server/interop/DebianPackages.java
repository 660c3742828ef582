package dev.donjon.server.interop;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Third-party clients from Debian, installed on demand. The interoperability tests run against the real packages, so
 * a missing package is installed when the tests run as root; otherwise the test fails under {@code CI=true} and is
 * skipped on a developer machine.
 */
public final class DebianPackages {
    /** Debian's Python, which sees the packages (the first {@code python3} on PATH may be another build). */
    public static final Path PYTHON = Path.of("/usr/bin/python3");

    private DebianPackages() {
    }

    /** Makes sure {@code executable} exists, installing {@code packages} with apt-get if it does not. */
    public static void require(Path executable, String... packages) {
        if (Files.isExecutable(executable)) {
            return;
        }
        String problem = install(packages);
        if (problem == null && Files.isExecutable(executable)) {
            return;
        }
        String message = executable + " is missing and installing " + String.join(" ", packages) + " failed: "
                + (problem == null ? "the package did not provide it" : problem);
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message + " (CI=true: interoperability tests must run)");
        }
        Assumptions.abort(message + " (skipping; set CI=true to make this a failure)");
    }

    /** Makes sure a Python module can be imported by Debian's Python, installing {@code packages} if not. */
    public static void requirePythonModule(String module, String... packages) {
        require(PYTHON, "python3");
        if (imports(module)) {
            return;
        }
        String problem = install(packages);
        if (problem == null && imports(module)) {
            return;
        }
        String message = "Python module " + module + " is missing and installing " + String.join(" ", packages)
                + " failed: " + (problem == null ? "the module is still not importable" : problem);
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message + " (CI=true: interoperability tests must run)");
        }
        Assumptions.abort(message + " (skipping; set CI=true to make this a failure)");
    }

    /**
     * The orig tarball of Debian source package {@code source} ({@code file}, e.g. {@code
     * python-pykmip_0.10.0.orig.tar.xz}), downloaded once into {@code cache} with {@code apt-get source
     * --download-only}. A deb-src entry for the release is added when the system has none (as root), since a
     * stock Debian image ships binary entries only. Fails under {@code CI=true}, skips otherwise, when it cannot.
     */
    public static Path sourceTarball(String source, String file, Path cache) {
        Path tarball = cache.resolve(file);
        if (Files.isRegularFile(tarball)) {
            return tarball;
        }
        String problem;
        try {
            Files.createDirectories(cache);
            List<String> download = List.of("sh", "-c", "cd '" + cache + "' && apt-get source --download-only "
                    + source);
            problem = run(download, 600);
            if (problem != null && addSourceEntry()) {
                String updated = run(List.of("apt-get", "update"), 600);
                problem = updated != null ? updated : run(download, 600);
            }
        } catch (IOException e) {
            problem = e.getMessage();
        }
        if (problem == null && Files.isRegularFile(tarball)) {
            return tarball;
        }
        String message = "Debian source " + file + " is not available: "
                + (problem == null ? "apt-get source did not provide it" : problem);
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message + " (CI=true: interoperability tests must run)");
        }
        Assumptions.abort(message + " (skipping; set CI=true to make this a failure)");
        throw new IllegalStateException("unreachable");
    }

    /** @return whether a deb-src entry was written (there was none and we are root) */
    private static boolean addSourceEntry() throws IOException {
        Path entry = Path.of("/etc/apt/sources.list.d/debian-src.sources");
        if (Files.exists(entry) || !"root".equals(System.getProperty("user.name"))) {
            return false;
        }
        String release = Files.readAllLines(Path.of("/etc/os-release")).stream()
                .filter(line -> line.startsWith("VERSION_CODENAME=")).map(line -> line.substring(17))
                .findFirst().orElse("bookworm");
        Files.writeString(entry, "Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: " + release
                + "\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n");
        return true;
    }

    private static boolean imports(String module) {
        return run(List.of(PYTHON.toString(), "-c", "import " + module), 60) == null;
    }

    /** @return why installation failed, or {@code null} */
    private static String install(String... packages) {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "not running as root";
        }
        // Other builds on the machine may be installing too: wait for dpkg's lock rather than fail on it.
        List<String> command = new ArrayList<>(List.of("apt-get", "-o", "DPkg::Lock::Timeout=600", "install", "-y",
                "--no-install-recommends"));
        command.addAll(List.of(packages));
        if (run(command, 600) == null) {
            return null;
        }
        String updated = run(List.of("apt-get", "update"), 600);
        return updated != null ? updated : run(command, 600);
    }

    /** @return why the command failed, or {@code null} when it succeeded */
    private static String run(List<String> command, int timeoutSeconds) {
        try {
            Path output = Files.createTempFile("donjon-apt", ".log");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                process.getOutputStream().close();
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return String.join(" ", command) + " timed out";
                }
                if (process.exitValue() != 0) {
                    List<String> lines = Files.readAllLines(output);
                    return String.join(" ", command) + " exited with " + process.exitValue() + ": "
                            + String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
                }
                return null;
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
