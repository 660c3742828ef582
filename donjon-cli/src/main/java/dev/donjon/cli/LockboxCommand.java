package dev.donjon.cli;

import dev.donjon.client.DonjonClient;
import dev.donjon.client.Lockboxes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "lockbox", mixinStandardHelpOptions = true,
        description = "Move a secret between servers as a lockbox: sealed by its server for another one, signed and "
                + "encrypted (docs/lockbox.md).",
        subcommands = {LockboxCommand.Export.class, LockboxCommand.Import.class})
final class LockboxCommand {

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Seal a secret for a peer server; writes the lockbox (a compact JWS) to a file or stdout.")
    static final class Export implements Callable<Integer> {
        @Mixin
        ServerOptions server;

        @Parameters(paramLabel = "ID", description = "Secret id or reference URL.")
        String id;

        @Option(names = "--to", required = true, paramLabel = "PEER",
                description = "The recipient server's lockbox identity (a configured peer).")
        String to;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the lockbox here (default: "
                + "standard output).")
        Path output;

        @Override
        public Integer call() throws IOException {
            try (DonjonClient donjon = server.connect()) {
                Lockboxes.Sealed sealed = donjon.lockboxes().export(id, to);
                if (output == null) {
                    System.out.println(sealed.lockbox());
                } else {
                    Files.writeString(output, sealed.lockbox() + "\n", StandardCharsets.US_ASCII);
                    System.err.println("lockbox " + sealed.lockboxId() + " for " + sealed.recipient() + " written to "
                            + output);
                }
            }
            return 0;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import a lockbox another server sealed for this one; prints the new secret's id.")
    static final class Import implements Callable<Integer> {
        @Mixin
        ServerOptions server;

        @Parameters(paramLabel = "FILE", description = "The lockbox file ('-' for standard input).")
        String file;

        @Option(names = "--replica", description = "Import a read-only replica owned by the origin (see 'donjon "
                + "replication promote'), rather than a copy this server owns.")
        boolean replica;

        @Override
        public Integer call() throws IOException {
            String lockbox = file.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.US_ASCII)
                    : Files.readString(Path.of(file), StandardCharsets.US_ASCII);
            try (DonjonClient donjon = server.connect()) {
                System.out.println(donjon.lockboxes().importLockbox(lockbox, replica));
            }
            return 0;
        }
    }
}
