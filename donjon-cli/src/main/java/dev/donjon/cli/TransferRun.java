package dev.donjon.cli;

import dev.donjon.kmip.client.KmipClient;
import dev.donjon.kmip.client.KmipOperationException;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

/**
 * One server-to-server transfer, as {@code donjon merge} and {@code donjon partition move} run it: a batch id, the
 * objects the selection finds at the source read with every attribute, imported at the destination under the
 * collision policy (each creation audited there with the batch), then what the command does at the source with
 * those the destination took ({@link AtSource}), one line per object, and the summary (batch, peer, counts per
 * outcome) recorded in the audit trail of both servers by the Donjon extension of KMIP Log (docs/replication.md).
 */
final class TransferRun {
    /** What a command does at the source once the destination answered, per object. */
    interface AtSource {
        List<ObjectImport.Outcome> apply(KmipClient source, List<ResponsePayload.Export> objects,
                                         List<ObjectImport.Outcome> imported, String batch) throws IOException;
    }

    /** A merge leaves the source as it was. */
    static final AtSource KEEP = (source, objects, imported, batch) -> imported;

    private TransferRun() {
    }

    /**
     * @param kind what the audit calls it: {@code merge}, {@code partition move}
     * @param done what the summary line says was done: {@code merged}, {@code moved}
     * @return the exit status: 1 if any object failed
     */
    static int run(TransferPeers peers, ObjectSelection selection, String onCollision, String kind, String done,
                   AtSource atSource) throws IOException, KmipOperationException {
        ObjectImport.Collision policy = ImportCommand.policy(onCollision);
        String batch = UUID.randomUUID().toString();
        try (KmipClient source = peers.source(); KmipClient destination = peers.destination()) {
            List<ResponsePayload.Export> objects = ObjectExport.from(source, selection.criteria());
            List<ObjectImport.Outcome> imported = ObjectImport.into(destination, objects, policy, peers.from,
                    kind + " from " + peers.from + " batch " + batch);
            List<ObjectImport.Outcome> outcomes = atSource.apply(source, objects, imported, batch);
            int status = ImportCommand.report(outcomes, done + " from " + peers.from + " to " + peers.to + " (batch "
                    + batch + ")");
            String summary = kind + " batch " + batch + " from " + peers.from + " to " + peers.to + ", policy "
                    + onCollision + ": " + outcomes.size() + " objects " + ImportCommand.counts(outcomes);
            summarise(source, peers.from, "source", summary);
            summarise(destination, peers.to, "destination", summary);
            return status;
        }
    }

    /** Records the summary at one end; a server that cannot is reported, the transfer itself is done. */
    private static void summarise(KmipClient server, String where, String side, String summary) throws IOException {
        try {
            server.call(new RequestPayload.Log("donjon-transfer-summary side=" + side + " " + summary),
                    ResponsePayload.Log.class);
        } catch (KmipOperationException e) {
            System.err.println("the summary was not recorded at " + where + ": " + e.reason().specName() + " ("
                    + e.getMessage() + ")");
        }
    }
}
