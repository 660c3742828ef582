package dev.donjon.server.domain.barbican;

/** How a payload was stored, which decides how it is served back. */
public enum PayloadContentType {
    TEXT_PLAIN("text/plain"),
    OCTET_STREAM("application/octet-stream"),
    PKCS8("application/pkcs8");

    private final String mediaType;

    PayloadContentType(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    public static PayloadContentType fromMediaType(String mediaType) {
        for (PayloadContentType type : values()) {
            if (type.mediaType.equals(mediaType)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown payload content type");
    }
}
