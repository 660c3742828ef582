package dev.donjon.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A throwaway CA and a server certificate for 127.0.0.1 signed by it, made with the running JDK's keytool — the
 * shape of the dev server's PKI ({@code ca.pem} plus a leaf), without a crypto library in the tests.
 */
record TestPki(Path caPem, Path serverKeystore) {
    private static final String PASSWORD = "changeit";

    /** One PKI for 127.0.0.1 and localhost, made once per test JVM: keytool runs add up to seconds. */
    static TestPki shared() {
        return Shared.PKI;
    }

    private static final class Shared {
        static final TestPki PKI = create(temporaryDirectory(), "ip:127.0.0.1,dns:localhost");

        private static Path temporaryDirectory() {
            try {
                Path dir = Files.createTempDirectory("bench-pki");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try (var files = Files.list(dir)) {
                        for (Path file : files.toList()) {
                            Files.delete(file);
                        }
                        Files.delete(dir);
                    } catch (IOException e) {
                        // a leftover temporary directory is not worth failing the build for
                    }
                }));
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** {@code subjectAltNames} in keytool syntax, e.g. {@code dns:localhost}. */
    static TestPki create(Path dir, String subjectAltNames) {
        Path ca = dir.resolve("ca.p12");
        Path caPem = dir.resolve("ca.pem");
        Path server = dir.resolve("server.p12");
        Path csr = dir.resolve("server.csr");
        Path serverPem = dir.resolve("server.pem");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=Bench Test CA",
                "-ext", "bc:c", "-validity", "2", "-keystore", ca.toString());
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-file", caPem.toString());
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-validity", "2", "-keystore", server.toString());
        keytool("-certreq", "-alias", "server", "-keystore", server.toString(), "-file", csr.toString());
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-infile", csr.toString(),
                "-outfile", serverPem.toString(), "-validity", "2",
                "-ext", "san=" + subjectAltNames, "-ext", "eku=serverAuth");
        // The CA must be in the keystore for keytool to chain the signed certificate onto the key.
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caPem.toString(), "-keystore", server.toString());
        keytool("-importcert", "-alias", "server", "-file", serverPem.toString(), "-keystore", server.toString());
        return new TestPki(caPem, server);
    }

    /** A CA unrelated to any server, for checking that verification is on. */
    static Path otherCaPem(Path dir) {
        Path keystore = dir.resolve("other-ca.p12");
        Path pem = dir.resolve("other-ca.pem");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=Other CA",
                "-ext", "bc:c", "-validity", "2", "-keystore", keystore.toString());
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", keystore.toString(), "-file", pem.toString());
        return pem;
    }

    SSLContext serverContext() throws IOException, GeneralSecurityException {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(serverKeystore)) {
            keyStore.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    private static void keytool(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        // A short-lived JVM: skipping the optimising compiler halves its start-up.
        command.addAll(List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("keytool " + String.join(" ", args) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run keytool", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running keytool", e);
        }
    }
}
