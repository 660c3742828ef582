package dev.donjon.cli;

import dev.donjon.kmip.client.KmipClient;
import dev.donjon.kmip.client.KmipOperationException;
import dev.donjon.kmip.message.ProtocolVersion;
import dev.donjon.server.crypto.TlsContexts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A KMIP server reached over mutual TLS: what {@link KmipPeerOptions} ({@code --kmip --cert --key --ca}, export and
 * import) and {@link TransferPeers} ({@code --from*} and {@code --to*}, merge and partition move) each read, in one
 * shape, connected one way.
 *
 * @param option the option that named the address, for the message when it is not {@code HOST:PORT}
 */
record KmipPeer(String option, String address, Path certificate, Path key, Path ca) {
    /**
     * Connects with KMIP 2.1 when the server speaks it (Export and Import keep identifiers and server-set
     * attributes), otherwise with 1.4 (Get, Get Attributes and Register, which every server has).
     */
    KmipClient connect() throws IOException, KmipOperationException {
        int colon = address.lastIndexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException(option + " must be HOST:PORT, not " + address);
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
