package dev.donjon.cli;

import dev.donjon.server.app.Node;
import dev.donjon.server.crypto.MasterKeyRotation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "master-key", description = "Create, rotate and inspect the master key that wraps every project KEK.",
        mixinStandardHelpOptions = true,
        subcommands = {MasterKeyCommand.Init.class, MasterKeyCommand.Rotate.class, MasterKeyCommand.Status.class,
                MasterKeyCommand.Retire.class})
final class MasterKeyCommand {

    @Command(name = "init", mixinStandardHelpOptions = true, description = "Create the master key of a new "
            + "installation (key file, or a non-extractable key in the PKCS#11 token); a production node never "
            + "creates one on its own. Does nothing when the key exists.")
    static final class Init implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Override
        public Integer call() {
            try (Node node = Node.open(store.resolve(), true)) {
                System.out.println("master key ready: " + node.masterKeystore().backend() + ", versions "
                        + node.masterKeystore().versions());
            }
            return 0;
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true, description = "Create a new master key version. "
            + "The running nodes re-wrap every project KEK under it in the background while they serve; follow "
            + "with `donjon master-key status`.")
    static final class Rotate implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Override
        public Integer call() {
            try (Node node = Node.open(store.resolve())) {
                int version = MasterKeyRotation.rotate(node.masterKeystore(), node.store(), node.random(),
                        node.clock());
                System.out.println("master key version " + version + " created and current; the running nodes "
                        + "re-wrap the project KEKs under it");
            }
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show the master key versions, how "
            + "many project KEKs each wraps, and the re-wrap job's progress.")
    static final class Status implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Override
        public Integer call() {
            try (Node node = Node.open(store.resolve())) {
                System.out.print(MasterKeyRotation.status(node.masterKeystore(), node.store(), node.store().jobLeases())
                        .describe(node.clock().instant()));
            }
            return 0;
        }
    }

    @Command(name = "retire", mixinStandardHelpOptions = true, description = "Destroy an old master key version; "
            + "refused while any project KEK is still wrapped by it. Backups taken before the rotation need it.")
    static final class Retire implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "VERSION")
        int version;

        @Override
        public Integer call() {
            try (Node node = Node.open(store.resolve())) {
                MasterKeyRotation.retire(node.masterKeystore(), node.store(), version, node.clock());
                System.out.println("master key version " + version + " retired");
            }
            return 0;
        }
    }
}
