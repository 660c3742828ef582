package dev.donjon.client;

/** Barbican answers with references (URLs); callers work with the identifier at their end. */
final class Refs {
    private Refs() {
    }

    static String id(String ref) {
        if (ref == null) {
            return null;
        }
        String trimmed = ref.endsWith("/") ? ref.substring(0, ref.length() - 1) : ref;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    /** A path segment from a caller: an id, or a full reference whose id is taken; nothing else reaches the URL. */
    static String segment(String idOrRef) {
        String id = id(idOrRef);
        if (id == null || !id.matches("[A-Za-z0-9._~-]+")) {
            throw new IllegalArgumentException("not an identifier: " + idOrRef);
        }
        return id;
    }
}
