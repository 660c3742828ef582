package dev.donjon.cli;

import dev.donjon.kmip.client.KmipClient;
import dev.donjon.kmip.client.KmipOperationException;
import dev.donjon.kmip.enums.RevocationReasonCode;
import dev.donjon.kmip.enums.State;
import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.message.Attribute;
import dev.donjon.kmip.message.AttributeName;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;

@Command(name = "partition", mixinStandardHelpOptions = true, description = "Split a server: move objects to "
        + "another server.", subcommands = PartitionCommand.Move.class)
final class PartitionCommand {

    @Command(name = "move", mixinStandardHelpOptions = true, description = "Move the objects one KMIP server holds "
            + "for the client certificate's project (all, or those --name and --group select) to another, which owns "
            + "them from "
            + "then on: each is imported there with every attribute, then at the source marked x-donjon-moved-to, "
            + "revoked (Cessation of Operation) if active and destroyed, so that the source keeps no key material. "
            + "An object the destination refused stays where it was. Prints one line per object and a summary; "
            + "exits 1 if any failed (docs/replication.md, Partition and merge).")
    static final class Move implements Callable<Integer> {
        /** Where a moved object went, on what the source keeps of it (a destroyed object's attributes). */
        static final AttributeName MOVED_TO = new AttributeName.Vendor("x", "donjon-moved-to");

        @Mixin
        TransferPeers peers;

        @Mixin
        ObjectSelection selection;

        @Option(names = "--on-collision", defaultValue = "fail", paramLabel = "fail|keep-both|replace",
                description = "When the identifier or a name is taken at the destination (see donjon import). "
                        + "Default: ${DEFAULT-VALUE}.")
        String onCollision;

        @Override
        public Integer call() throws Exception {
            return TransferRun.run(peers, selection, onCollision, "partition move", "moved", (source, objects,
                    imported, batch) -> {
                Map<String, ResponsePayload.Export> byId = objects.stream().collect(Collectors.toMap(
                        ResponsePayload.Export::uniqueIdentifier, Function.identity()));
                List<ObjectImport.Outcome> outcomes = new ArrayList<>();
                for (ObjectImport.Outcome outcome : imported) {
                    if (outcome.result().startsWith("failed")) {
                        outcomes.add(outcome);
                        continue;
                    }
                    outcomes.add(removed(source, byId.get(outcome.origin()), outcome,
                            "moved to " + peers.to + " as " + outcome.identifier() + " (batch " + batch + ")"));
                }
                return outcomes;
            });
        }

        /**
         * Leaves the source without the object's key material once the destination holds it: an active object is
         * revoked first, since KMIP destroys only objects that are not active.
         */
        private static ObjectImport.Outcome removed(KmipClient source, ResponsePayload.Export object,
                                                    ObjectImport.Outcome outcome, String why) throws IOException {
            String id = object.uniqueIdentifier();
            try {
                // Written first, so that the stub the source keeps says where the object went (and its audit names
                // the destination).
                source.call(new RequestPayload.AddAttribute(Optional.of(id), new Attribute(MOVED_TO, Optional.empty(),
                        new Ttlv.TextItem(Tag.ATTRIBUTE_VALUE.code(), why))), ResponsePayload.AddAttribute.class);
                Optional<Ttlv> state = object.attributes().first(Tag.STATE);
                if (state.isPresent() && ((Ttlv.EnumerationItem) state.get()).value() == State.ACTIVE.code()) {
                    source.revoke(id, RevocationReasonCode.CESSATION_OF_OPERATION, Optional.of(why));
                }
                source.destroy(id);
                return new ObjectImport.Outcome(id, outcome.result() + ",moved", outcome.identifier());
            } catch (KmipOperationException e) {
                // The destination has it; the source could not let it go (a replica, say): both hold it now.
                return new ObjectImport.Outcome(id, "failed: imported as " + outcome.identifier()
                        + " but not removed at the source: " + e.reason().specName() + " (" + e.getMessage() + ")",
                        outcome.identifier());
            }
        }
    }
}
