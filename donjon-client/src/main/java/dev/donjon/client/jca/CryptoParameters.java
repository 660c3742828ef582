package dev.donjon.client.jca;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;

import java.util.ArrayList;
import java.util.List;

/** KMIP Cryptographic Parameters structures the SPIs send. */
final class CryptoParameters {
    private CryptoParameters() {
    }

    static Ttlv.Structure of(Object... tagValuePairs) {
        List<Ttlv> items = new ArrayList<>();
        for (int i = 0; i < tagValuePairs.length; i += 2) {
            Tag tag = (Tag) tagValuePairs[i];
            Object value = tagValuePairs[i + 1];
            items.add(value instanceof KmipEnum e ? new Ttlv.EnumerationItem(tag, e)
                    : new Ttlv.IntegerItem(tag, (Integer) value));
        }
        return new Ttlv.Structure(Tag.CRYPTOGRAPHIC_PARAMETERS, items);
    }
}
