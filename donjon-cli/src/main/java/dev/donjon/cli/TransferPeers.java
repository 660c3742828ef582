package dev.donjon.cli;

import dev.donjon.kmip.client.KmipClient;
import dev.donjon.kmip.client.KmipOperationException;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The two KMIP servers of a merge or a partition move: objects go from the first to the second; each is a
 * {@link KmipPeer}, as the one server of an export or import is.
 */
final class TransferPeers {
    @Option(names = "--from", required = true, paramLabel = "HOST:PORT", description = "The server objects come from.")
    String from;
    @Option(names = "--from-cert", required = true, description = "Client certificate (PEM) for --from.")
    Path fromCertificate;
    @Option(names = "--from-key", required = true, description = "Its private key (PEM, PKCS#8).")
    Path fromKey;
    @Option(names = "--from-ca", required = true, description = "CAs --from's certificate chains to (PEM).")
    Path fromCa;

    @Option(names = "--to", required = true, paramLabel = "HOST:PORT", description = "The server objects go to.")
    String to;
    @Option(names = "--to-cert", required = true, description = "Client certificate (PEM) for --to.")
    Path toCertificate;
    @Option(names = "--to-key", required = true, description = "Its private key (PEM, PKCS#8).")
    Path toKey;
    @Option(names = "--to-ca", required = true, description = "CAs --to's certificate chains to (PEM).")
    Path toCa;

    KmipClient source() throws IOException, KmipOperationException {
        return new KmipPeer("--from", from, fromCertificate, fromKey, fromCa).connect();
    }

    KmipClient destination() throws IOException, KmipOperationException {
        return new KmipPeer("--to", to, toCertificate, toKey, toCa).connect();
    }
}
