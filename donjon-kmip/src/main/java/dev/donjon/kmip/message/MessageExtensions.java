package dev.donjon.kmip.message;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.ResultReason;
import java.util.List;

/**
 * Message Extensions (KMIP 1.4 §6.16, 2.1 §9.11) in batch items. This library knows no vendor
 * extension, so per the specification a non-critical one is ignored and a critical one fails the
 * item with Feature Not Supported.
 */
final class MessageExtensions {

    private MessageExtensions() {
    }

    static void check(List<Structure> extensions) throws KmipMessageException {
        for (Structure extension : extensions) {
            Fields f = Fields.of(extension, ResultReason.INVALID_MESSAGE,
                    List.of(Tag.VENDOR_IDENTIFICATION, Tag.CRITICALITY_INDICATOR, Tag.VENDOR_EXTENSION));
            String vendor = f.text(Tag.VENDOR_IDENTIFICATION).orElseThrow(() -> f.error("Message Extension lacks Vendor Identification"));
            boolean critical = f.bool(Tag.CRITICALITY_INDICATOR).orElseThrow(() -> f.error("Message Extension lacks Criticality Indicator"));
            if (critical) {
                throw new KmipMessageException(ResultReason.FEATURE_NOT_SUPPORTED, "critical message extension of vendor '" + vendor + "' is not supported");
            }
        }
    }
}
