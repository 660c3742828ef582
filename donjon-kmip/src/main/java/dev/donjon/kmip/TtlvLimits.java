package dev.donjon.kmip;

/**
 * Bounds a decoder enforces on untrusted input, checked before memory is allocated for it.
 *
 * @param maxMessageBytes largest accepted message: bytes for binary TTLV, characters for XML and JSON
 * @param maxDepth        deepest accepted structure nesting; the message itself is depth 1
 */
public record TtlvLimits(int maxMessageBytes, int maxDepth) {

    /** KMIP messages nest about 8 deep; 32 leaves room for extensions while bounding recursion. */
    public static final int DEFAULT_MAX_DEPTH = 32;

    /** 1 MiB: more than any key-management message needs, far less than a heap. */
    public static final TtlvLimits DEFAULT = new TtlvLimits(1 << 20, DEFAULT_MAX_DEPTH);

    public TtlvLimits {
        if (maxMessageBytes < 8) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 8: " + maxMessageBytes);
        }
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be at least 1: " + maxDepth);
        }
    }

    public static TtlvLimits ofMaxMessageBytes(int maxMessageBytes) {
        return new TtlvLimits(maxMessageBytes, DEFAULT_MAX_DEPTH);
    }
}
