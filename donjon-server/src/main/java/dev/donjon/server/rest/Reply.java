package dev.donjon.server.rest;

import java.util.Map;

/** What a handler answers; the transport adapter writes it. */
public sealed interface Reply {
    int status();

    /** A JSON document (serialised by the adapter). */
    record Json(int status, Object body, Map<String, String> headers) implements Reply {
        Json(int status, Object body) {
            this(status, body, Map.of());
        }
    }

    /** Raw bytes with a content type: payload downloads, console assets. The adapter wipes them once written. */
    record Bytes(int status, String contentType, byte[] body, Map<String, String> headers) implements Reply {
        Bytes(int status, String contentType, byte[] body) {
            this(status, contentType, body, Map.of());
        }

        @Override
        public String toString() {
            return "Bytes[" + status + ", " + contentType + ", " + body.length + " bytes]";
        }
    }

    record Empty(int status) implements Reply {
    }
}
