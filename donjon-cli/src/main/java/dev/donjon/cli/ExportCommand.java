package dev.donjon.cli;

import dev.donjon.kmip.client.KmipClient;
import dev.donjon.kmip.message.Attribute;
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
        + "the client certificate's project (all, or those a name matches) to FILE with every attribute, server-set "
        + "ones included. FILE holds the key material in the clear (docs/export-import.md).")
final class ExportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "Where to write the objects (created 0600).")
    Path file;

    @Mixin
    KmipPeerOptions peer;

    @Option(names = "--name", description = "Only objects with this Name; KMIP 2.x wild-cards * and ? work with "
            + "Donjon.")
    String name;

    @Override
    public Integer call() throws Exception {
        try (KmipClient client = peer.connect()) {
            Attributes criteria = name == null ? Attributes.EMPTY : Attributes.of(Attribute.name(name));
            List<ResponsePayload.Export> objects = ObjectExport.from(client, criteria);
            TransferFile.write(file, peer.address, objects);
            for (ResponsePayload.Export object : objects) {
                System.out.println(object.uniqueIdentifier() + " " + object.objectType().specName());
            }
            System.err.println(objects.size() + " objects written to " + file + " (key material in the clear: "
                    + "keep it as you keep the keys)");
            return 0;
        }
    }
}
