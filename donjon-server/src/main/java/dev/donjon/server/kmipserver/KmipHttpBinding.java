package dev.donjon.server.kmipserver;

import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.TtlvBinary;
import dev.donjon.kmip.TtlvException;
import dev.donjon.kmip.TtlvJson;
import dev.donjon.kmip.TtlvLimits;
import dev.donjon.kmip.TtlvXml;
import dev.donjon.server.domain.access.Principal;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * KMIP over HTTPS (KMIP Additional Message Encodings 1.0, the HTTPS, JSON and XML profiles): one Request Message per
 * POST, in the encoding its Content-Type names, answered in the same encoding by the same processor as port 5696.
 * Knows nothing of HTTP beyond the media types; the REST edge carries the bytes and authenticates the caller.
 */
public final class KmipHttpBinding {
    /** The message encodings and the media types that name them. */
    public enum Encoding {
        TTLV("application/octet-stream"),
        XML("text/xml"),
        JSON("application/json");

        private final String mediaType;

        Encoding(String mediaType) {
            this.mediaType = mediaType;
        }

        public String mediaType() {
            return mediaType;
        }

        /** The encoding a Content-Type names, parameters such as {@code charset} aside. */
        public static Optional<Encoding> of(String contentType) {
            if (contentType == null) {
                return Optional.empty();
            }
            String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            return switch (type) {
                case "application/octet-stream" -> Optional.of(TTLV);
                case "text/xml", "application/xml" -> Optional.of(XML);
                case "application/json" -> Optional.of(JSON);
                default -> Optional.empty();
            };
        }
    }

    /**
     * @param wellFormed false when the body was not a message in its encoding: the body then holds an Invalid Message
     *                   response, which the transport sends with a client-error status
     */
    public record Answer(Encoding encoding, byte[] body, boolean wellFormed) {
        @Override
        public String toString() {
            return "Answer[" + encoding + ", " + body.length + " bytes, wellFormed=" + wellFormed + "]";
        }
    }

    private final KmipProcessor processor;
    private final TtlvLimits limits;

    public KmipHttpBinding(KmipProcessor processor, int maxMessageBytes) {
        this.processor = processor;
        this.limits = TtlvLimits.ofMaxMessageBytes(maxMessageBytes);
    }

    /**
     * @param credential the audit trail's name for the credential the HTTP request presented (token id, client
     *                   certificate fingerprint), or null
     * @param source     the client's address, or null
     */
    public Answer serve(Encoding encoding, byte[] body, Principal principal, String credential, String source) {
        Ttlv request;
        try {
            request = decode(encoding, body);
        } catch (TtlvException e) {
            return new Answer(encoding, encode(encoding, processor.invalidMessage(e.getMessage())), false);
        }
        return new Answer(encoding, encode(encoding, processor.process(request, principal, credential, source)), true);
    }

    private Ttlv decode(Encoding encoding, byte[] body) throws TtlvException {
        return switch (encoding) {
            case TTLV -> TtlvBinary.decode(body, limits);
            case XML -> TtlvXml.decode(text(body), limits);
            case JSON -> TtlvJson.decode(text(body), limits);
        };
    }

    private static String text(byte[] body) throws TtlvException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new TtlvException("the message is not UTF-8 text");
        }
    }

    private static byte[] encode(Encoding encoding, Ttlv message) {
        return switch (encoding) {
            case TTLV -> TtlvBinary.encode(message);
            case XML -> TtlvXml.encode(message).getBytes(StandardCharsets.UTF_8);
            case JSON -> TtlvJson.encode(message).getBytes(StandardCharsets.UTF_8);
        };
    }
}
