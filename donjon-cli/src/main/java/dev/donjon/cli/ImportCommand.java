package dev.donjon.cli;

import dev.donjon.kmip.client.KmipClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import dev.donjon.server.config.DonjonConfig;
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

    @Option(names = "--lockbox-config", paramLabel = "FILE", description = "The destination server's configuration "
            + "file, whose lockbox section (identity, encryption key, trusted peers) opens a sealed FILE. A sealed "
            + "file that is unsigned, changed, signed by an untrusted origin, addressed to another server or too old is "
            + "refused before anything is written.")
    Path lockboxConfig;

    @Option(names = "--max-age", paramLabel = "SECONDS", description = "How old a sealed file may be (default: the "
            + "configuration's lockbox.max_age_seconds).")
    Long maxAge;

    /** What the destination answers for an object of a sealed file it imported before (SealedExports). */
    static final String REPLAYED = "was imported here already";

    @Override
    public Integer call() throws Exception {
        ObjectImport.Collision policy = policy(onCollision);
        TransferFile.Contents contents;
        SealedExport.Opened sealedExport = null;
        if (TransferFile.isSealed(file)) {
            if (lockboxConfig == null) {
                throw new IllegalArgumentException(file + " is sealed: give --lockbox-config");
            }
            DonjonConfig.Lockbox lockbox = SealedExport.lockbox(lockboxConfig);
            SealedExport.Opened opened;
            try {
                opened = SealedExport.open(java.nio.file.Files.readString(file), lockbox, maxAge == null
                        ? lockbox.maxAge() : java.time.Duration.ofSeconds(maxAge));
            } catch (SealedExport.Refused e) {
                System.err.println(e.getMessage());
                return 2;
            }
            try {
                contents = TransferFile.parse(file.toString(), opened.file());
            } finally {
                java.util.Arrays.fill(opened.file(), (byte) 0);
            }
            System.err.println(file + ": sealed by '" + opened.origin() + "' for '" + lockbox.identity() + "'");
            sealedExport = opened;
        } else {
            contents = TransferFile.read(file);
        }
        try (KmipClient client = peer.connect()) {
            List<ObjectImport.Outcome> outcomes = ObjectImport.into(client, contents.objects(), policy,
                    contents.source(), "import of " + file.getFileName() + " from " + contents.source(),
                    sealedExport == null ? null : sealedExport.origin() + " " + sealedExport.exportId());
            if (sealedExport != null && !outcomes.isEmpty() && outcomes.stream().allMatch(outcome ->
                    outcome.result().contains(REPLAYED))) {
                // Every object was refused as imported before: the file as a whole is a replay.
                System.err.println("sealed export refused: " + file + " (export " + sealedExport.exportId()
                        + " from '" + sealedExport.origin() + "') was imported at this server already; nothing was "
                        + "stored");
                return 2;
            }
            return report(outcomes, "imported from " + contents.source());
        }
    }

    static ObjectImport.Collision policy(String name) {
        return ObjectImport.Collision.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /**
     * Prints one line per object (origin identifier, outcome, identifier at the destination) and, on standard error,
     * how many had each outcome.
     *
     * @return the exit status: 1 if any failed
     */
    static int report(List<ObjectImport.Outcome> outcomes, String what) {
        for (ObjectImport.Outcome outcome : outcomes) {
            System.out.println(outcome.origin() + " " + outcome.result()
                    + (outcome.identifier() == null ? "" : " " + outcome.identifier()));
        }
        Map<String, Integer> counts = counts(outcomes);
        System.err.println(outcomes.size() + " objects " + what + ": " + counts);
        return counts.containsKey("failed") ? 1 : 0;
    }

    /** How many objects had each outcome, every failure counted as {@code failed}. */
    static Map<String, Integer> counts(List<ObjectImport.Outcome> outcomes) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        for (ObjectImport.Outcome outcome : outcomes) {
            counts.merge(outcome.result().startsWith("failed") ? "failed" : outcome.result(), 1, Integer::sum);
        }
        return counts;
    }
}
