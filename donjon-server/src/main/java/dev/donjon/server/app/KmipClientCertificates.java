package dev.donjon.server.app;

import dev.donjon.server.auth.RoleList;
import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.crypto.DevPki;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.access.Role;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * KMIP client certificates of a dev data directory beyond the one {@code server --dev} makes: issued by the
 * directory's CA, each with a fresh subject CN recorded (with its project and roles) in {@code kmip-identities.tsv},
 * which the dev configuration reads. Production deployments use their own PKI and list identities in the config.
 */
public final class KmipClientCertificates {
    static final String IDENTITIES_FILE = "kmip-identities.tsv";
    private static final String DIRECTORY = "kmip-clients";
    private static final SecureRandom RANDOM = new SecureRandom();

    private KmipClientCertificates() {
    }

    /** What was issued: where the files are and which identity they carry. */
    public record Issued(DevPki.ClientCredential files, DonjonConfig.KmipIdentity identity) {
    }

    public static Issued issue(Path dataDir, ProjectId project, Set<Role> roles) {
        if (!Files.exists(dataDir.resolve(DevPki.CA_KEY))) {
            throw new IllegalStateException(dataDir + " has no dev CA (" + DevPki.CA_KEY
                    + "); start `donjon server --dev` there first, or use your own PKI and the config's kmip.identities");
        }
        if (project.value().contains("\t") || project.value().contains("\n")) {
            throw new IllegalArgumentException("a project id cannot contain tabs or line breaks");
        }
        byte[] suffix = new byte[4];
        RANDOM.nextBytes(suffix);
        String commonName = "kmip-" + project.value().replaceAll("[^A-Za-z0-9._-]", "_") + "-"
                + HexFormat.of().formatHex(suffix);
        try {
            Path directory = Files.createDirectories(dataDir.resolve(DIRECTORY));
            DevPki.ClientCredential files = DevPki.issueClient(dataDir, commonName,
                    directory.resolve(commonName + ".pem"), directory.resolve(commonName + "-key.pem"));
            List<String> roleNames = roles.stream().map(Role::wireName).sorted().toList();
            Files.writeString(dataDir.resolve(IDENTITIES_FILE), commonName + "\t" + project.value() + "\t"
                            + String.join(",", roleNames) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return new Issued(files, new DonjonConfig.KmipIdentity(commonName, project.value(), roleNames));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the client certificate into " + dataDir, e);
        }
    }

    /** The identities issued so far in {@code dataDir}; none when the file does not exist. */
    static List<DonjonConfig.KmipIdentity> identities(Path dataDir) {
        Path file = dataDir.resolve(IDENTITIES_FILE);
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<DonjonConfig.KmipIdentity> identities = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] fields = line.split("\t", -1);
                if (fields.length == 3) {
                    identities.add(new DonjonConfig.KmipIdentity(fields[0], fields[1],
                            RoleList.parse(fields[2]).stream().map(Role::wireName).toList()));
                }
            }
            return identities;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
