package dev.donjon.cli;

import dev.donjon.kmip.client.KmipClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "import", mixinStandardHelpOptions = true, description = "Write the objects of an export FILE into "
        + "a KMIP server: by Import under their identifiers with their attributes (KMIP 2.1, Donjon), or by Register "
        + "(other servers). Prints one line per object: origin identifier, outcome, new identifier; exits 1 if any "
        + "failed.")
final class ImportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "A file written by donjon export.")
    Path file;

    @Mixin
    KmipPeerOptions peer;

    @Option(names = "--on-collision", defaultValue = "fail", paramLabel = "fail|keep-both|replace",
            description = "When the identifier or a name is taken: fail (the object is reported failed), keep-both "
                    + "(a new identifier, taken names suffixed, an x-origin attribute naming the source), replace "
                    + "(the existing object of that identifier is replaced). Default: ${DEFAULT-VALUE}.")
    String onCollision;

    @Override
    public Integer call() throws Exception {
        ObjectImport.Collision policy = ObjectImport.Collision.valueOf(onCollision.toUpperCase(Locale.ROOT)
                .replace('-', '_'));
        TransferFile.Contents contents = TransferFile.read(file);
        try (KmipClient client = peer.connect()) {
            List<ObjectImport.Outcome> outcomes = ObjectImport.into(client, contents.objects(), policy,
                    contents.source());
            boolean failed = false;
            for (ObjectImport.Outcome outcome : outcomes) {
                System.out.println(outcome.origin() + " " + outcome.result()
                        + (outcome.identifier() == null ? "" : " " + outcome.identifier()));
                failed |= outcome.result().startsWith("failed");
            }
            return failed ? 1 : 0;
        }
    }
}
