package dev.donjon.kmip;

/**
 * Input that is not a valid TTLV message in the encoding being read. The message says what is
 * wrong and where (byte offset and tag for binary, line or path for XML and JSON); it quotes no
 * payload bytes, so it is safe to log and to return to the peer.
 */
public final class TtlvException extends Exception {

    public TtlvException(String message) {
        super(message);
    }

    public TtlvException(String message, Throwable cause) {
        super(message, cause);
    }
}
