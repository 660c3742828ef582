package dev.donjon.cli;

import dev.donjon.client.DonjonClient;
import dev.donjon.client.OrderInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "order", mixinStandardHelpOptions = true,
        description = "Have the server generate keys (key) or key pairs (asymmetric).",
        subcommands = {OrderCommand.Create.class, OrderCommand.Get.class, OrderCommand.ListOrders.class})
final class OrderCommand {

    static Map<String, Object> row(OrderInfo order) {
        return OutputOptions.fields("ID", order.id(), "Type", order.type(), "Status", order.status(), "Secret",
                order.secretId(), "Container", order.containerId(), "Created", order.created());
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Order a key or key pair.")
    static final class Create implements Callable<Integer> {
        @Mixin
        ServerOptions server;
        @Mixin
        OutputOptions output;

        @Parameters(paramLabel = "TYPE", description = "key (symmetric key: a secret) or asymmetric (key pair: a "
                + "container).")
        String type;

        @Option(names = {"-n", "--name"}, description = "Name of what the order produces.")
        String name;

        @Option(names = {"-a", "--algorithm"}, defaultValue = "aes", description = "aes, rsa, ec... (default: "
                + "${DEFAULT-VALUE}).")
        String algorithm;

        @Option(names = {"-b", "--bit-length"}, defaultValue = "256", description = "Default: ${DEFAULT-VALUE}.")
        int bitLength;

        @Option(names = {"-m", "--mode"}, description = "Mode, e.g. cbc or gcm.")
        String mode;

        @Option(names = "--wait", description = "Wait until the order is no longer PENDING (at most 60 s).")
        boolean await;

        @Override
        public Integer call() throws InterruptedException {
            try (DonjonClient donjon = server.connect()) {
                String id = donjon.orders().create(type, name, algorithm, bitLength, mode);
                OrderInfo order = donjon.orders().get(id);
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (await && "PENDING".equals(order.status()) && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                    order = donjon.orders().get(id);
                }
                output.one(row(order), order.json());
                return "ERROR".equals(order.status()) ? 1 : 0;
            }
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show an order and what it produced.")
    static final class Get implements Callable<Integer> {
        @Mixin
        ServerOptions server;
        @Mixin
        OutputOptions output;

        @Parameters(paramLabel = "ID", description = "Order id or reference URL.")
        String id;

        @Override
        public Integer call() {
            try (DonjonClient donjon = server.connect()) {
                OrderInfo order = donjon.orders().get(id);
                output.one(row(order), order.json());
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the project's orders.")
    static final class ListOrders implements Callable<Integer> {
        @Mixin
        ServerOptions server;
        @Mixin
        OutputOptions output;

        @Mixin
        PageOptions page;

        @Override
        public Integer call() {
            try (DonjonClient donjon = server.connect()) {
                output.page(donjon.orders().list(page.limit, page.offset), OrderCommand::row, OrderInfo::json);
            }
            return 0;
        }
    }
}
