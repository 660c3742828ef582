package dev.donjon.client.jca;

import dev.donjon.kmip.client.KmipOperationException;

import java.io.IOException;
import java.security.ProviderException;

/** A KMIP call from inside a JCA SPI, whose methods cannot throw the client's checked exceptions. */
final class ServerCalls {
    interface Call<T> {
        T run() throws IOException, KmipOperationException;
    }

    private ServerCalls() {
    }

    static <T> T run(String what, Call<T> call) {
        try {
            return call.run();
        } catch (KmipOperationException e) {
            throw new ProviderException("Donjon refused " + what + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ProviderException("Donjon unreachable for " + what + ": " + e.getMessage(), e);
        }
    }
}
