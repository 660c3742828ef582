package dev.donjon.cli;

import dev.donjon.kmip.client.KmipClient;
import dev.donjon.kmip.client.KmipOperationException;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

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

    /** Connects as {@link KmipPeer#connect()}. */
    KmipClient connect() throws IOException, KmipOperationException {
        return new KmipPeer("--kmip", address, certificate, key, ca).connect();
    }
}
