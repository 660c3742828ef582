package dev.donjon.cli;

import dev.donjon.server.auth.ApiTokens;
import dev.donjon.server.auth.RoleList;
import dev.donjon.server.domain.access.ApiToken;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.access.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "token", description = "Manage Donjon API tokens (sent by clients as X-Auth-Token).",
        mixinStandardHelpOptions = true,
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
final class TokenCommand {

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Issue a token; it is printed once and only its hash is stored.")
    static final class Create implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Option(names = "--project", required = true, description = "Project the token acts in.")
        String project;

        @Option(names = "--roles", required = true, split = ",",
                description = "Roles: admin, creator, observer, audit, key-manager:service-admin, reader, member.")
        java.util.List<String> roles;

        @Option(names = "--user", description = "User id recorded as creator and audited.")
        String user;

        @Option(names = "--description", description = "Free text to recognise the token by.")
        String description;

        @Override
        public Integer call() {
            Set<Role> parsed = RoleList.parse(String.join(",", roles));
            if (parsed.size() != roles.size()) {
                throw new IllegalArgumentException("unknown role in " + roles + "; known: admin, creator, observer, "
                        + "audit, key-manager:service-admin, reader, member");
            }
            try (TokenRegistry node = TokenRegistry.open(store.database())) {
                ApiTokens.Issued issued = node.tokens().issue(new ProjectId(project), parsed, user, description);
                System.out.println(issued.token());
                System.err.println("token " + issued.stored().tokenId() + " for project " + project + " with roles "
                        + RoleList.format(parsed) + " (shown once; store it now)");
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List tokens (ids, projects, roles; never the secrets).")
    static final class ListTokens implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Override
        public Integer call() {
            try (TokenRegistry node = TokenRegistry.open(store.database())) {
                System.out.printf("%-16s  %-20s  %-28s  %-20s  %s%n", "ID", "PROJECT", "ROLES", "USER", "STATE");
                for (ApiToken token : node.tokens().list()) {
                    System.out.printf("%-16s  %-20s  %-28s  %-20s  %s%n", token.tokenId(), token.project(),
                            RoleList.format(token.roles()), token.userId() == null ? "-" : token.userId(),
                            token.isRevoked() ? "revoked " + token.revoked() : "active");
                }
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token by id.")
    static final class Revoke implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "ID")
        String tokenId;

        @Override
        public Integer call() {
            try (TokenRegistry node = TokenRegistry.open(store.database())) {
                node.tokens().revoke(tokenId);
                System.out.println("revoked " + tokenId);
            }
            return 0;
        }
    }
}
