package dev.donjon.server.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of the dev CA's certificate file and of the dev KMIP client's certificate file, recorded when the client
 * certificate was issued by that CA or found to be signed by it. A dev start that finds both files as recorded knows
 * the answer of the signature check without verifying it: the ECDSA verification made the JDK build its P-256 tables
 * on the main thread, 8 % of a warm start's main-thread samples (docs/benchmarks.md, fifth pass). Any change to either
 * file, a foreign or re-issued certificate or a new CA, no longer matches the record, and the signature is verified as
 * before.
 */
final class DevClientCertificateRecord {
    /** One line: the CA file's SHA-256, a space, the client certificate file's SHA-256, in hex. */
    static final String FILE = "kmip-client.issued";

    private final Path record;
    private final Path certificate;
    private final Path ca;

    DevClientCertificateRecord(Path dataDir, Path certificate, Path ca) {
        this.record = dataDir.resolve(FILE);
        this.certificate = certificate;
        this.ca = ca;
    }

    /** Whether both files are, byte for byte, those of the record; false when any of the three is missing. */
    boolean matches() {
        try {
            return Files.readString(record, StandardCharsets.US_ASCII).strip().equals(fingerprints());
        } catch (NoSuchFileException missing) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + record + ": " + e.getMessage(), e);
        }
    }

    /** Records the files as they are now: call it only once the certificate is known to be signed by the CA. */
    void write() {
        try {
            Files.writeString(record, fingerprints() + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + record + ": " + e.getMessage(), e);
        }
    }

    private String fingerprints() throws IOException {
        return sha256(ca) + " " + sha256(certificate);
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
