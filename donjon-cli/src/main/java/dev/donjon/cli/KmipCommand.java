package dev.donjon.cli;

import dev.donjon.server.app.KmipClientCertificates;
import dev.donjon.server.auth.RoleList;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.access.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "kmip", description = "KMIP administration.", mixinStandardHelpOptions = true,
        subcommands = {KmipCommand.ClientCert.class})
final class KmipCommand {

    @Command(name = "client-cert", mixinStandardHelpOptions = true, description = "Issue a KMIP client certificate from a dev data directory's CA, "
            + "mapped to a project and roles (the dev server reads the mapping when it starts).")
    static final class ClientCert implements Callable<Integer> {
        @Option(names = "--project", required = true, description = "Project the certificate acts in.")
        String project;

        @Option(names = "--roles", required = true, split = ",",
                description = "Roles: admin, creator, observer, audit, key-manager:service-admin, reader, member.")
        List<String> roles;

        @Option(names = "--data-dir", description = "Dev data directory (default: ${DEFAULT-VALUE}).",
                defaultValue = "data")
        Path dataDir;

        @Override
        public Integer call() {
            Set<Role> parsed = RoleList.parse(String.join(",", roles));
            if (parsed.size() != roles.size()) {
                throw new IllegalArgumentException("unknown role in " + roles + "; known: admin, creator, observer, "
                        + "audit, key-manager:service-admin, reader, member");
            }
            KmipClientCertificates.Issued issued = KmipClientCertificates.issue(dataDir, new ProjectId(project),
                    parsed);
            System.out.println("certificate : " + issued.files().certificate().toAbsolutePath());
            System.out.println("private key : " + issued.files().privateKey().toAbsolutePath());
            System.out.println("identity    : CN=" + issued.identity().commonName() + " -> project " + project
                    + ", roles " + RoleList.format(parsed));
            System.err.println("restart `donjon server --dev` to accept it");
            return 0;
        }
    }
}
