package dev.donjon.server.kmipserver;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.server.domain.CallContext;
import dev.donjon.server.domain.SecretId;

/**
 * One request message being served: who asks, in which protocol version, and the ID Placeholder that lets a batch
 * operate on the object an earlier item of the same batch created.
 */
final class Exchange {
    private final CallContext call;
    private final int major;
    private final int minor;
    private String idPlaceholder;

    Exchange(CallContext call, int major, int minor) {
        this.call = call;
        this.major = major;
        this.minor = minor;
    }

    CallContext call() {
        return call;
    }

    int major() {
        return major;
    }

    int minor() {
        return minor;
    }

    /** KMIP 2.x: attributes named by tag, Attributes structures, the newer result reasons. */
    boolean v2() {
        return major >= 2;
    }

    void placeholder(SecretId id) {
        idPlaceholder = id.toString();
    }

    /** Empties the ID Placeholder, so that the batch's later items without an identifier fail. */
    void clearPlaceholder() {
        idPlaceholder = null;
    }

    /** The payload's Unique Identifier text, or the ID Placeholder when the payload has none. */
    String uidText(Structure payload) {
        return Fields.text(payload, Tag.UNIQUE_IDENTIFIER).orElseGet(() -> {
            if (idPlaceholder == null) {
                throw KmipError.missing("Unique Identifier");
            }
            return idPlaceholder;
        });
    }

    /** The object the payload names; an identifier that is no Donjon identifier names nothing. */
    SecretId uid(Structure payload) {
        return parseUid(uidText(payload));
    }

    /** An identifier the client gave; one that is no Donjon identifier names no object. */
    SecretId parseUid(String text) {
        return SecretId.parse(text).orElseThrow(() -> new KmipError(
                v2() ? ResultReason.OBJECT_NOT_FOUND : ResultReason.ITEM_NOT_FOUND, "no object with that identifier"));
    }
}
