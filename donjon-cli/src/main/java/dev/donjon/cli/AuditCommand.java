package dev.donjon.cli;

import dev.donjon.server.audit.AuditArchive;
import dev.donjon.server.audit.AuditJson;
import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.crypto.AuditSigningKey;
import dev.donjon.server.domain.audit.AuditQuery;
import dev.donjon.server.audit.ChainVerifier;
import dev.donjon.server.domain.audit.ChainedEvent;
import dev.donjon.server.store.JdbcStore;
import dev.donjon.server.store.StoreConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code donjon audit verify|export|tail|public-key}: the audit trail read straight from the node's database, which
 * needs no master key (docs/audit.md).
 */
@Command(name = "audit", description = "Verify, export and read the tamper-evident audit trail.",
        mixinStandardHelpOptions = true,
        subcommands = {AuditCommand.Verify.class, AuditCommand.Export.class, AuditCommand.Tail.class,
                AuditCommand.ExportPublicKey.class})
final class AuditCommand {

    static JdbcStore openStore(StoreOptions options) {
        DonjonConfig.Database database = options.resolve().database();
        return JdbcStore.open(new StoreConfig(database.url(), database.user(), database.password(), 2),
                "donjon-cli");
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check the hash chain and its signed checkpoints, on the live database "
            + "or on an export; names the first bad event. Exit status 0 when intact, 1 when not.")
    static final class Verify implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Option(names = "--file", description = "An export made by 'donjon audit export' (default: the database).")
        Path file;

        @Option(names = "--public-key", description = "PEM public key to trust for checkpoints (from 'donjon audit "
                + "public-key'); by default the keys the database or export holds.")
        Path publicKey;

        @Override
        public Integer call() throws IOException {
            Map<String, java.security.PublicKey> pinned = null;
            if (publicKey != null) {
                byte[] der = AuditSigningKey.fromPem(Files.readString(publicKey));
                pinned = Map.of(AuditSigningKey.keyId(der), AuditSigningKey.publicKey(der));
            }
            ChainVerifier.Report report;
            if (file != null) {
                try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    report = AuditArchive.verify(in, pinned);
                }
            } else {
                try (JdbcStore opened = openStore(store)) {
                    report = AuditArchive.verify(opened, pinned);
                }
            }
            System.out.println(report.describe());
            return report.intact() ? 0 : 1;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write the trail as JSON lines (verifiable with 'audit verify --file') "
            + "or as CADF events, one per line.")
    static final class Export implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Option(names = "--format", defaultValue = "jsonl", description = "jsonl or cadf (default: ${DEFAULT-VALUE}).")
        String format;

        @Option(names = {"-o", "--output"}, description = "File to write (default: standard output).")
        Path output;

        @Override
        public Integer call() throws IOException {
            if (!format.equals("jsonl") && !format.equals("cadf")) {
                throw new IllegalArgumentException("--format must be jsonl or cadf");
            }
            try (JdbcStore opened = openStore(store);
                 Writer out = output == null
                         ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
                         : Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                long events = format.equals("cadf") ? AuditArchive.exportCadf(opened, out)
                        : AuditArchive.exportJsonLines(opened, out);
                out.flush();
                System.err.println(events + " event(s) exported");
            }
            return 0;
        }
    }

    @Command(name = "tail", mixinStandardHelpOptions = true,
            description = "Print the newest events, oldest first, one JSON object per line.")
    static final class Tail implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Option(names = {"-n", "--lines"}, defaultValue = "20", description = "How many (default: ${DEFAULT-VALUE}).")
        int lines;

        @Override
        public Integer call() throws IOException {
            try (JdbcStore opened = openStore(store)) {
                List<ChainedEvent> newestFirst = opened.read(tx -> tx.audit()
                        .find(new AuditQuery(null, null, null, null, 0, lines)).items());
                for (ChainedEvent event : newestFirst.reversed()) {
                    System.out.println(AuditJson.MAPPER.writeValueAsString(AuditJson.event(event, true)));
                }
            }
            return 0;
        }
    }

    @Command(name = "public-key", mixinStandardHelpOptions = true,
            description = "Print the audit signing key's public half (PEM), to pin it when "
            + "verifying an export elsewhere.")
    static final class ExportPublicKey implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Override
        public Integer call() {
            try (JdbcStore opened = openStore(store)) {
                Map<String, byte[]> keys = opened.read(tx -> tx.auditKeys().publicKeys());
                if (keys.isEmpty()) {
                    System.err.println("no audit signing key yet: it is made when a server first starts");
                    return 1;
                }
                keys.values().forEach(der -> System.out.print(AuditSigningKey.publicKeyPem(der)));
            }
            return 0;
        }
    }
}
