package dev.donjon.cli;

import dev.donjon.client.DonjonClient;
import dev.donjon.client.SecretMetadata;
import dev.donjon.client.SecretSpec;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "secret", mixinStandardHelpOptions = true, description = "Store, read, list and delete secrets.",
        subcommands = {SecretCommand.Store.class, SecretCommand.Get.class, SecretCommand.ListSecrets.class,
                SecretCommand.Delete.class, SecretCommand.Clone.class})
final class SecretCommand {

    static Map<String, Object> row(SecretMetadata secret) {
        return OutputOptions.fields("ID", secret.id(), "Name", secret.name(), "Type", secret.secretType(),
                "Algorithm", secret.algorithm(), "Bit length", secret.bitLength(), "Content type",
                secret.contentType(), "Status", secret.status(), "Created", secret.created(), "Expiration",
                secret.expiration());
    }

    @Command(name = "store", mixinStandardHelpOptions = true,
            description = "Store a secret; prints its metadata (its id first).")
    static final class Store implements Callable<Integer> {
        @Mixin
        ServerOptions server;
        @Mixin
        OutputOptions output;

        @Option(names = {"-n", "--name"}, description = "Name.")
        String name;

        static final class Source {
            @Option(names = {"-p", "--payload"}, description = "The payload as text (visible in your shell history; "
                    + "prefer --file).")
            String payload;

            @Option(names = "--file", description = "Read the payload from this file ('-' for standard input).")
            String file;
        }

        @ArgGroup(exclusive = true, multiplicity = "1")
        Source source;

        @Option(names = {"-t", "--secret-type"}, defaultValue = "opaque",
                description = "symmetric, public, private, passphrase, certificate or opaque (default: "
                        + "${DEFAULT-VALUE}).")
        String type;

        @Option(names = "--content-type", description = "text/plain or application/octet-stream (default: text/plain "
                + "for --payload, application/octet-stream for --file).")
        String contentType;

        @Option(names = {"-a", "--algorithm"}, description = "Algorithm, e.g. aes.")
        String algorithm;

        @Option(names = {"-b", "--bit-length"}, description = "Key length in bits.")
        Integer bitLength;

        @Option(names = {"-m", "--mode"}, description = "Mode, e.g. gcm.")
        String mode;

        @Option(names = {"-x", "--expiration"}, description = "ISO-8601 instant after which the secret is gone.")
        Instant expiration;

        @Override
        public Integer call() throws IOException {
            byte[] payload = source.payload != null ? source.payload.getBytes(StandardCharsets.UTF_8)
                    : source.file.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(source.file));
            String media = contentType != null ? contentType
                    : source.payload != null ? "text/plain" : "application/octet-stream";
            try (DonjonClient donjon = server.connect()) {
                String id = donjon.secrets().store(new SecretSpec(name, payload, media, type, algorithm, bitLength,
                        mode, expiration));
                SecretMetadata stored = donjon.secrets().get(id);
                output.one(row(stored), stored.json());
            } finally {
                Arrays.fill(payload, (byte) 0);
            }
            return 0;
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true,
            description = "Show a secret's metadata, or with --payload its payload (raw bytes, as stored).")
    static final class Get implements Callable<Integer> {
        @Mixin
        ServerOptions server;
        @Mixin
        OutputOptions output;

        @Parameters(paramLabel = "ID", description = "Secret id or reference URL.")
        String id;

        @Option(names = "--payload", description = "Print the payload instead of the metadata.")
        boolean payload;

        @Option(names = {"-o", "--output-file"}, description = "With --payload: write it to this file (mode 600).")
        Path outputFile;

        @Override
        public Integer call() throws IOException {
            try (DonjonClient donjon = server.connect()) {
                if (!payload) {
                    SecretMetadata secret = donjon.secrets().get(id);
                    output.one(row(secret), secret.json());
                    return 0;
                }
                byte[] bytes = donjon.secrets().payload(id);
                try {
                    if (outputFile != null) {
                        Files.deleteIfExists(outputFile);
                        Files.createFile(outputFile, PosixFilePermissions.asFileAttribute(
                                PosixFilePermissions.fromString("rw-------")));
                        Files.write(outputFile, bytes);
                    } else {
                        System.out.write(bytes);
                        System.out.flush();
                    }
                } finally {
                    Arrays.fill(bytes, (byte) 0);
                }
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the project's secrets.")
    static final class ListSecrets implements Callable<Integer> {
        @Mixin
        ServerOptions server;
        @Mixin
        OutputOptions output;

        @Option(names = {"-n", "--name"}, description = "Only secrets with this name.")
        String name;

        @Mixin
        PageOptions page;

        @Override
        public Integer call() {
            try (DonjonClient donjon = server.connect()) {
                output.page(donjon.secrets().list(name, page.limit, page.offset), SecretCommand::row, SecretMetadata::json);
            }
            return 0;
        }
    }

    @Command(name = "clone", mixinStandardHelpOptions = true,
            description = "Clone a secret: a new secret with the same key material, its own id, name and ACL, linked "
                    + "to its origin (a Donjon extension); prints the clone's id.")
    static final class Clone implements Callable<Integer> {
        @Mixin
        ServerOptions server;

        @Parameters(paramLabel = "ID", description = "The secret to clone (id or reference URL).")
        String id;

        @Option(names = {"-n", "--name"}, description = "The clone's name.")
        String name;

        @Override
        public Integer call() {
            try (DonjonClient donjon = server.connect()) {
                System.out.println(donjon.secrets().cloneSecret(id, name));
            }
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete secrets.")
    static final class Delete implements Callable<Integer> {
        @Mixin
        ServerOptions server;

        @Parameters(paramLabel = "ID", arity = "1..*", description = "Secret ids or reference URLs.")
        java.util.List<String> ids;

        @Override
        public Integer call() {
            try (DonjonClient donjon = server.connect()) {
                ids.forEach(donjon.secrets()::delete);
            }
            return 0;
        }
    }
}
