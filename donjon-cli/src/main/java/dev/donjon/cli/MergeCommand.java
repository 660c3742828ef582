package dev.donjon.cli;

import dev.donjon.kmip.client.KmipClient;
import dev.donjon.kmip.message.Attributes;
import dev.donjon.kmip.message.ResponsePayload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.UUID;
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
        ObjectImport.Collision policy = ImportCommand.policy(onCollision);
        String batch = UUID.randomUUID().toString();
        try (KmipClient source = peers.source(); KmipClient destination = peers.destination()) {
            Attributes criteria = selection.criteria();
            List<ResponsePayload.Export> objects = ObjectExport.from(source, criteria);
            List<ObjectImport.Outcome> outcomes = ObjectImport.into(destination, objects, policy, peers.from,
                    "merge from " + peers.from + " batch " + batch);
            return ImportCommand.report(outcomes, "merged from " + peers.from + " into " + peers.to + " (batch "
                    + batch + ")");
        }
    }
}
