package dev.donjon.cli;

import dev.donjon.client.AclInfo;
import dev.donjon.client.Acls;
import dev.donjon.client.DonjonClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "acl", mixinStandardHelpOptions = true,
        description = "Per-user read access to a secret (or with --container, a container).",
        subcommands = {AclCommand.Get.class, AclCommand.Set.class, AclCommand.Delete.class})
final class AclCommand {

    static final class Target {
        @Parameters(paramLabel = "ID", description = "Secret (or container) id or reference URL.")
        String id;

        @Option(names = "--container", description = "The id is a container's.")
        boolean container;

        Acls.Target kind() {
            return container ? Acls.Target.CONTAINER : Acls.Target.SECRET;
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show the read ACL.")
    static final class Get implements Callable<Integer> {
        @Mixin
        ServerOptions server;
        @Mixin
        OutputOptions output;
        @Mixin
        Target target;

        @Override
        public Integer call() {
            try (DonjonClient donjon = server.connect()) {
                AclInfo acl = donjon.acls().get(target.kind(), target.id);
                output.one(OutputOptions.fields("Operation", "read", "Project access", acl.projectAccess(),
                        "Users", String.join(",", acl.users())), acl.json());
            }
            return 0;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Replace the read ACL.")
    static final class Set implements Callable<Integer> {
        @Mixin
        ServerOptions server;
        @Mixin
        Target target;

        @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "A user granted read (repeatable).")
        List<String> users = new ArrayList<>();

        @Option(names = "--no-project-access", description = "Only the listed users (and admins) may read, not the "
                + "project's other members.")
        boolean onlyListedUsers;

        @Override
        public Integer call() {
            try (DonjonClient donjon = server.connect()) {
                donjon.acls().set(target.kind(), target.id, users, !onlyListedUsers);
            }
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Remove the ACL: back to the project's access.")
    static final class Delete implements Callable<Integer> {
        @Mixin
        ServerOptions server;
        @Mixin
        Target target;

        @Override
        public Integer call() {
            try (DonjonClient donjon = server.connect()) {
                donjon.acls().delete(target.kind(), target.id);
            }
            return 0;
        }
    }
}
