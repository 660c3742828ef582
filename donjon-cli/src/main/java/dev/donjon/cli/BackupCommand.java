package dev.donjon.cli;

import dev.donjon.server.app.Node;
import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.audit.AuditEvent;
import dev.donjon.server.store.Backups;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "backup", mixinStandardHelpOptions = true, description = "Write a consistent backup of the database "
        + "while the nodes keep serving (SQLite: VACUUM INTO; PostgreSQL: an export read in one REPEATABLE READ "
        + "transaction). The file holds wrapped keys only: keep the master key (file or HSM) backed up apart.")
final class BackupCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Parameters(paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() throws Exception {
        try (Node node = Node.open(store.resolve())) {
            Backups.backup(node.store(), file);
            long size = Files.size(file);
            node.store().write(tx -> {
                tx.audit().append(new AuditEvent(node.clock().instant(), null, null, null, null, null, null, Action.BACKUP,
                        "backup", AuditEvent.Outcome.SUCCESS, "online backup written to " + file.toAbsolutePath()
                        + " (" + size + " bytes)"));
                return null;
            });
            System.out.println("backup written to " + file + " (" + size + " bytes); it is useless without the "
                    + "master key (" + node.masterKeystore().backend() + ", versions "
                    + node.masterKeystore().versions() + ")");
        }
        return 0;
    }
}
