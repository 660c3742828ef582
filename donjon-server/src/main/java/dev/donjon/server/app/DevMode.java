package dev.donjon.server.app;

import dev.donjon.server.auth.ApiTokens;
import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.crypto.DevPki;
import dev.donjon.server.domain.access.ApiToken;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.access.Role;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * {@code donjon server --dev}: everything a developer needs in one data directory, on loopback only. Trusted identity
 * headers are on, because loopback callers are the developer's own tools.
 */
public final class DevMode {
    public static final String HOST = "127.0.0.1";
    public static final ProjectId PROJECT = new ProjectId("dev");
    private static final String ADMIN_TOKEN_DESCRIPTION = "dev admin (server --dev)";
    /** The dev KMIP client's certificate subject CN, mapped to the dev project with the admin role. */
    public static final String KMIP_CLIENT_NAME = "donjon-dev-kmip-client";
    public static final String KMIP_CLIENT_CERTIFICATE = "kmip-client.pem";
    public static final String KMIP_CLIENT_KEY = "kmip-client-key.pem";

    private DevMode() {
    }

    /** The dev configuration over {@code dataDir}, creating the directory, master key and PKI on first use. */
    public static DonjonConfig config(Path dataDir, boolean plainHttp, int port) {
        prepare(dataDir);
        DevPki.Material pki = DevPki.ensure(dataDir, List.of());
        return new DonjonConfig(
                dataDir,
                new DonjonConfig.Listen(HOST, port),
                null,
                plainHttp ? null : new DonjonConfig.Tls(pki.serverCertificate(), pki.serverKey()),
                false,
                database(dataDir),
                new DonjonConfig.MasterKey(dataDir.resolve("master-keys")),
                new DonjonConfig.Auth(true, true),
                DonjonConfig.Limits.BARBICAN,
                kmip(dataDir, pki, port == 0 ? 0 : DonjonConfig.Kmip.DEFAULT_PORT),
                // The lifecycle jobs run as on a production node (they were off while DescriptorExhaustionTest's
                // KMIP listener missed its exhaustion with them on; it passes with them on since the TLS autoClose fix).
                DonjonConfig.Jobs.ON);
    }

    /**
     * The dev data directory's SQLite database, without the dev PKI {@link #config} prepares: what administrative
     * commands that touch only the store (tokens) need, so that they start fast.
     */
    public static DonjonConfig.Database database(Path dataDir) {
        prepare(dataDir);
        return new DonjonConfig.Database("jdbc:sqlite:" + dataDir.resolve("donjon.db"), null, null, 8);
    }

    /**
     * KMIP on loopback, trusting the dev CA, with a ready client certificate mapped to the dev project as admin. An
     * ephemeral API port (tests, several servers on one machine) gets an ephemeral KMIP port too.
     */
    private static DonjonConfig.Kmip kmip(Path dataDir, DevPki.Material pki, int port) {
        Path certificate = dataDir.resolve(KMIP_CLIENT_CERTIFICATE);
        Path key = dataDir.resolve(KMIP_CLIENT_KEY);
        DevClientCertificateRecord issued = new DevClientCertificateRecord(dataDir, certificate, pki.caCertificate());
        boolean recorded = issued.matches();
        if (!Files.exists(key) || !recorded && !issuedBy(certificate, pki.caCertificate())) {
            DevPki.issueClient(dataDir, KMIP_CLIENT_NAME, certificate, key);
            issued.write();
        } else if (!recorded) {
            // Verified by its signature (a data directory from before the record, or a file changed since): recorded,
            // so that the next start compares hashes instead.
            issued.write();
        }
        return new DonjonConfig.Kmip(true, new DonjonConfig.Listen(HOST, port), pki.serverCertificate(),
                pki.serverKey(), pki.caCertificate(),
                identities(dataDir),
                DonjonConfig.Kmip.DISABLED.maxMessageBytes(), DonjonConfig.Kmip.DISABLED.idleTimeout());
    }

    /** The dev client as admin of the dev project, then those issued by {@code donjon kmip client-cert}. */
    private static List<DonjonConfig.KmipIdentity> identities(Path dataDir) {
        List<DonjonConfig.KmipIdentity> identities = new java.util.ArrayList<>();
        identities.add(new DonjonConfig.KmipIdentity(KMIP_CLIENT_NAME, PROJECT.value(), List.of("admin")));
        identities.addAll(KmipClientCertificates.identities(dataDir));
        return identities;
    }

    /** Whether the client certificate exists and the current dev CA signed it (the CA is recreated when lost). */
    private static boolean issuedBy(Path certificate, Path ca) {
        if (!Files.exists(certificate)) {
            return false;
        }
        try {
            dev.donjon.server.crypto.Pem.readCertificates(certificate).getFirst()
                    .verify(dev.donjon.server.crypto.Pem.readCertificates(ca).getFirst().getPublicKey());
            return true;
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** Issues a fresh admin token for the dev project, revoking the one the previous start printed. */
    public static String issueAdminToken(DonjonServer server) {
        ApiTokens tokens = server.tokens();
        for (ApiToken token : tokens.list()) {
            if (!token.isRevoked() && ADMIN_TOKEN_DESCRIPTION.equals(token.description())) {
                tokens.revoke(token.tokenId());
            }
        }
        return tokens.issue(PROJECT, Set.of(Role.ADMIN), "dev-admin", ADMIN_TOKEN_DESCRIPTION).token();
    }

    public static void printWelcome(PrintStream out, DonjonConfig config, DonjonServer server, String adminToken) {
        String url = server.publicUrl();
        boolean tls = config.tls() != null;
        Path ca = config.dataDir().resolve(DevPki.CA_CERTIFICATE);
        String caOption = tls ? "--cacert " + ca + " " : "";
        out.println("Donjon development server");
        out.println("  data directory : " + config.dataDir().toAbsolutePath());
        out.println("  API            : " + url + "/v1");
        if (tls) {
            out.println("  CA certificate : " + ca.toAbsolutePath());
        }
        out.println("  admin token    : " + adminToken + "   (project " + PROJECT + ", role admin)");
        if (server.kmipPort() > 0) {
            Path dataDir = config.dataDir().toAbsolutePath();
            out.println("  KMIP           : " + HOST + ":" + server.kmipPort() + "   (TLS, client certificate required)");
            out.println("  KMIP client    : certificate " + dataDir.resolve(KMIP_CLIENT_CERTIFICATE) + ", key "
                    + dataDir.resolve(KMIP_CLIENT_KEY) + "   (project " + PROJECT + ", role admin)");
        }
        out.println();
        out.println("Try:");
        out.println("  curl " + caOption + "-H 'X-Auth-Token: " + adminToken + "' -H 'Content-Type: application/json' \\");
        out.println("       -d '{\"name\": \"hello\", \"payload\": \"s3cret\", \"payload_content_type\": \"text/plain\"}' "
                + url + "/v1/secrets");
        out.println("  curl " + caOption + "-H 'X-Auth-Token: " + adminToken + "' " + url + "/v1/secrets");
        out.println("  " + (tls ? "REQUESTS_CA_BUNDLE=" + ca + " " : "") + "barbican --no-auth --endpoint " + url
                + " --os-project-id " + PROJECT + " secret list");
        out.println();
    }

    private static void prepare(Path dataDir) {
        try {
            if (!Files.isDirectory(dataDir)) {
                Files.createDirectories(dataDir,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            if (!Files.isWritable(dataDir) || !Files.isReadable(dataDir)) {
                throw new UncheckedIOException(new IOException("data directory " + dataDir
                        + " is not readable and writable by this user"));
            }
        } catch (java.nio.file.AccessDeniedException e) {
            throw new UncheckedIOException(new IOException("cannot create data directory " + dataDir
                    + ": permission denied", e));
        } catch (java.nio.file.FileSystemException e) {
            throw new UncheckedIOException(new IOException("cannot create data directory " + dataDir + ": "
                    + (e.getReason() == null ? e.getClass().getSimpleName() : e.getReason()), e));
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("cannot create data directory " + dataDir + ": "
                    + e.getMessage(), e));
        }
    }
}
