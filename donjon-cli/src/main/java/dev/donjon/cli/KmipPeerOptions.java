package dev.donjon.cli;

import dev.donjon.kmip.client.KmipClient;
import dev.donjon.kmip.client.KmipOperationException;
import dev.donjon.kmip.message.ProtocolVersion;
import dev.donjon.server.crypto.TlsContexts;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The KMIP server an export reads from or an import writes to, reached over mutual TLS. */
final class KmipPeerOptions {
    @Option(names = "--kmip", required = true, paramLabel = "HOST:PORT",
            description = "The KMIP server (Donjon's KMIP listener, PyKMIP's server, ...).")
    String address;

    @Option(names = "--cert", required = true, description = "Client certificate (PEM) it maps to a project.")
    Path certificate;

    @Option(names = "--key", required = true, description = "Its private key (PEM, PKCS#8).")
    Path key;

    @Option(names = "--ca", required = true, description = "CAs the server's certificate must chain to (PEM).")
    Path ca;

    /**
     * Connects with KMIP 2.1 when the server speaks it (Export and Import keep identifiers and server-set
     * attributes), otherwise with 1.4 (Get, Get Attributes and Register, which every server has).
     */
    KmipClient connect() throws IOException, KmipOperationException {
        return connect(address, certificate, key, ca);
    }

    /** As {@link #connect()}, for a server given otherwise (the two ends of a merge or a move). */
    static KmipClient connect(String address, Path certificate, Path key, Path ca)
            throws IOException, KmipOperationException {
        int colon = address.lastIndexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("--kmip must be HOST:PORT, not " + address);
        }
        KmipClient.Config config = KmipClient.Config.of(address.substring(0, colon),
                Integer.parseInt(address.substring(colon + 1)), TlsContexts.client(ca, certificate, key));
        KmipClient client = KmipClient.connect(config);
        List<ProtocolVersion> versions;
        try {
            versions = client.discoverVersions(List.of(ProtocolVersion.V2_1));
        } catch (IOException | KmipOperationException | RuntimeException e) {
            client.close();
            throw e;
        }
        if (!versions.contains(ProtocolVersion.V2_1)) {
            return client;
        }
        client.close();
        return KmipClient.connect(config.withProtocolVersion(ProtocolVersion.V2_1));
    }
}
