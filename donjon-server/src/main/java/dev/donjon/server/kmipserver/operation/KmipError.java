package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.enums.ResultReason;

/**
 * A request the KMIP edge refuses before or after the domain sees it, with the Result Reason the specification gives.
 * The message goes back to the client, so it never quotes key material.
 */
public final class KmipError extends RuntimeException {
    private final ResultReason reason;

    public KmipError(ResultReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public ResultReason reason() {
        return reason;
    }

    static KmipError invalidField(String message) {
        return new KmipError(ResultReason.INVALID_FIELD, message);
    }

    static KmipError missing(String what) {
        return new KmipError(ResultReason.MISSING_DATA, what + " is required");
    }
}
