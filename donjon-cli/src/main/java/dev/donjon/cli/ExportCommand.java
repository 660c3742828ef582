package dev.donjon.cli;

import dev.donjon.kmip.client.KmipClient;
import dev.donjon.kmip.message.Attributes;
import dev.donjon.kmip.message.ResponsePayload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "export", mixinStandardHelpOptions = true, description = "Write the objects a KMIP server holds for "
        + "the client certificate's project (all, or those --name and --group select) to FILE with every attribute, "
        + "server-set "
        + "ones included. FILE holds the key material in the clear unless sealed for its destination with --seal-for "
        + "(docs/export-import.md).")
final class ExportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "Where to write the objects (created 0600).")
    Path file;

    @Mixin
    KmipPeerOptions peer;

    @Mixin
    ObjectSelection selection;

    @Option(names = "--seal-for", paramLabel = "PEER", description = "Seal the file for this lockbox peer: encrypted "
            + "for its encryption certificate and signed with this server's lockbox signing key, both from "
            + "--lockbox-config. Only PEER can read it, and it refuses a changed byte.")
    String sealFor;

    @Option(names = "--lockbox-config", paramLabel = "FILE", description = "The origin server's configuration file, "
            + "whose lockbox section (identity, signing key, peers) seals the export.")
    Path lockboxConfig;

    @Override
    public Integer call() throws Exception {
        if ((sealFor == null) != (lockboxConfig == null)) {
            throw new IllegalArgumentException("--seal-for and --lockbox-config go together");
        }
        try (KmipClient client = peer.connect()) {
            Attributes criteria = selection.criteria();
            List<ResponsePayload.Export> objects = ObjectExport.from(client, criteria);
            byte[] contents = TransferFile.bytes(peer.address, objects);
            try {
                if (sealFor == null) {
                    TransferFile.writePrivately(file, contents);
                } else {
                    TransferFile.writePrivately(file, SealedExport.seal(contents, SealedExport.lockbox(lockboxConfig),
                            sealFor).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                }
            } finally {
                java.util.Arrays.fill(contents, (byte) 0);
            }
            for (ResponsePayload.Export object : objects) {
                System.out.println(object.uniqueIdentifier() + " " + object.objectType().specName());
            }
            System.err.println(objects.size() + " objects written to " + file + (sealFor == null
                    ? " (key material in the clear: keep it as you keep the keys)"
                    : " (sealed for '" + sealFor + "')"));
            return 0;
        }
    }
}
