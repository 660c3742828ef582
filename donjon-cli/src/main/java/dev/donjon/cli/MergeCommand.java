package dev.donjon.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "merge", mixinStandardHelpOptions = true, description = "Merge the objects one KMIP server holds for "
        + "the client certificate's project (all, or those --name and --group select) into another, with every "
        + "attribute, "
        + "server-set ones included, under the collision policy. The source keeps its objects. Prints one line per "
        + "object (origin identifier, outcome, identifier at the destination) and a summary; exits 1 if any failed "
        + "(docs/export-import.md).")
final class MergeCommand implements Callable<Integer> {
    @Mixin
    TransferPeers peers;

    @Mixin
    ObjectSelection selection;

    @Option(names = "--on-collision", defaultValue = "fail", paramLabel = "fail|keep-both|replace",
            description = "When the identifier or a name is taken at the destination (see donjon import). Default: "
                    + "${DEFAULT-VALUE}.")
    String onCollision;

    @Override
    public Integer call() throws Exception {
        return TransferRun.run(peers, selection, onCollision, "merge", "merged", TransferRun.KEEP);
    }
}
