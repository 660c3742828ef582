package dev.donjon.kmip.message;

import dev.donjon.kmip.enums.ResultReason;

/**
 * A field read by {@link Fields}' structure reads that is missing, of the wrong item type or of an unknown value,
 * with the Result Reason a server answers it with. Unchecked, unlike {@link KmipMessageException}, because the
 * server reads its object and attribute structures deep inside operations and maps this once, at its edge. The
 * message names tags and types only, never a field's value, so it is safe to return to the peer.
 */
public final class KmipFieldException extends RuntimeException {

    private final ResultReason reason;

    KmipFieldException(ResultReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    /** The Result Reason to answer with: Missing Data or Invalid Field. */
    public ResultReason reason() {
        return reason;
    }
}
