package dev.donjon.server.rest;

import dev.donjon.server.kmipserver.KmipHttpBinding;
import dev.donjon.server.kmipserver.KmipHttpBinding.Encoding;

/**
 * {@code POST /kmip}: KMIP over HTTPS for clients that cannot hold a TLS client certificate, authenticated like
 * every other request (an API token, or the trusted identity headers of the dev pipeline). The caller's project and
 * roles are its KMIP identity, under the same policy as port 5696.
 */
public final class KmipApi implements Routes {
    /** The request URI of KMIP Additional Message Encodings 1.0, HTTPS profile. */
    public static final String PATH = "/kmip";

    private final KmipHttpBinding binding;
    private final int maxMessageBytes;

    /** @param maxMessageBytes the largest message accepted, as on port 5696 (kmip.max_message_bytes) */
    public KmipApi(KmipHttpBinding binding, int maxMessageBytes) {
        this.binding = binding;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public void register(Router router) {
        router.add("POST", PATH, this::exchange, maxMessageBytes);
    }

    private Reply exchange(RestRequest request) {
        String contentType = request.headers().first("Content-Type");
        Encoding encoding = Encoding.of(contentType).orElseThrow(() -> new ApiError(415,
                "A KMIP message is application/octet-stream (TTLV), text/xml or application/json, not "
                        + (contentType == null ? "an unnamed type" : "'" + contentType + "'") + "."));
        // The audit trail names the HTTP credential and address, as the TLS door names the certificate and peer.
        KmipHttpBinding.Answer answer = binding.serve(encoding, request.body(), request.call().principal(),
                request.call().credential(), request.call().source());
        return new Reply.Bytes(answer.wellFormed() ? 200 : 400, encoding.mediaType(), answer.body());
    }
}
