package dev.donjon.server.rest;

import dev.donjon.server.domain.PayloadContentType;

/**
 * Accept negotiation for payload downloads. Unlike Barbican, the wildcard range or no Accept yields the type the
 * payload was stored with rather than echoing the wildcard as a content type (docs/barbican-compatibility.md).
 */
final class PayloadMediaType {
    private static final String TEXT = "text/plain; charset=UTF-8";

    private PayloadMediaType() {
    }

    static String choose(String accept, PayloadContentType stored) {
        if (accept == null || accept.isBlank()) {
            return natural(stored);
        }
        boolean sawJson = false;
        for (String range : accept.split(",")) {
            String media = SecretsApi.mediaType(range);
            switch (media) {
                case "*/*" -> {
                    return natural(stored);
                }
                case "text/plain", "text/*" -> {
                    return TEXT;
                }
                case "application/octet-stream" -> {
                    return "application/octet-stream";
                }
                case "application/pkcs8" -> {
                    if (stored == PayloadContentType.PKCS8) {
                        return "application/pkcs8";
                    }
                }
                case "application/json" -> sawJson = true;
                default -> {
                }
            }
        }
        if (sawJson) {
            throw new ApiError(406, "Secret payload retrieval issue seen - Wrong payload content-type.");
        }
        throw new ApiError(406, null);
    }

    private static String natural(PayloadContentType stored) {
        return switch (stored) {
            case TEXT_PLAIN -> TEXT;
            case OCTET_STREAM -> "application/octet-stream";
            case PKCS8 -> "application/pkcs8";
        };
    }
}
