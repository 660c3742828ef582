package dev.donjon.cli;

import dev.donjon.client.ContainerInfo;
import dev.donjon.client.DonjonClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "container", mixinStandardHelpOptions = true, description = "Group secrets in containers.",
        subcommands = {ContainerCommand.Create.class, ContainerCommand.Get.class, ContainerCommand.ListContainers.class,
                ContainerCommand.Delete.class})
final class ContainerCommand {

    static Map<String, Object> row(ContainerInfo container) {
        return OutputOptions.fields("ID", container.id(), "Name", container.name(), "Type", container.type(),
                "Status", container.status(), "Secrets", container.secrets(), "Created", container.created());
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a container of secrets.")
    static final class Create implements Callable<Integer> {
        @Mixin
        ServerOptions server;
        @Mixin
        OutputOptions output;

        @Option(names = {"-n", "--name"}, description = "Name.")
        String name;

        @Option(names = {"-t", "--type"}, defaultValue = "generic",
                description = "generic, rsa or certificate (default: ${DEFAULT-VALUE}).")
        String type;

        @Option(names = {"-s", "--secret"}, paramLabel = "NAME=ID",
                description = "A member: its name in the container and the secret's id (repeatable).")
        Map<String, String> secrets = new LinkedHashMap<>();

        @Override
        public Integer call() {
            try (DonjonClient donjon = server.connect()) {
                String id = donjon.containers().create(name, type, secrets);
                ContainerInfo container = donjon.containers().get(id);
                output.one(row(container), container.json());
            }
            return 0;
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show a container.")
    static final class Get implements Callable<Integer> {
        @Mixin
        ServerOptions server;
        @Mixin
        OutputOptions output;

        @Parameters(paramLabel = "ID", description = "Container id or reference URL.")
        String id;

        @Override
        public Integer call() {
            try (DonjonClient donjon = server.connect()) {
                ContainerInfo container = donjon.containers().get(id);
                output.one(row(container), container.json());
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the project's containers.")
    static final class ListContainers implements Callable<Integer> {
        @Mixin
        ServerOptions server;
        @Mixin
        OutputOptions output;

        @Mixin
        PageOptions page;

        @Override
        public Integer call() {
            try (DonjonClient donjon = server.connect()) {
                output.page(donjon.containers().list(page.limit, page.offset), ContainerCommand::row, ContainerInfo::json);
            }
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete containers (their secrets stay).")
    static final class Delete implements Callable<Integer> {
        @Mixin
        ServerOptions server;

        @Parameters(paramLabel = "ID", arity = "1..*", description = "Container ids or reference URLs.")
        List<String> ids;

        @Override
        public Integer call() {
            try (DonjonClient donjon = server.connect()) {
                ids.forEach(donjon.containers()::delete);
            }
            return 0;
        }
    }
}
