package dev.donjon.server.rest;

import dev.donjon.server.domain.barbican.PayloadContentType;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

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

    /**
     * The type {@link #choose} picked, checked against the payload: a payload stored as binary is served as text
     * only if it is UTF-8 text, as Barbican decodes it for {@code Accept: text/plain} and answers 406 when that fails
     * (an ordered key, for instance, is not text).
     */
    static String servable(String chosen, PayloadContentType stored, byte[] payload) {
        if (chosen.equals(TEXT) && stored != PayloadContentType.TEXT_PLAIN && !isUtf8(payload)) {
            throw new ApiError(406, "Secret payload retrieval issue seen - Wrong payload content-type.");
        }
        return chosen;
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String natural(PayloadContentType stored) {
        return switch (stored) {
            case TEXT_PLAIN -> TEXT;
            case OCTET_STREAM -> "application/octet-stream";
            case PKCS8 -> "application/pkcs8";
        };
    }
}
