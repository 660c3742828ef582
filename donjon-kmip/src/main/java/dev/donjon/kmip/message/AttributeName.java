package dev.donjon.kmip.message;

import dev.donjon.kmip.Tag;

/**
 * Which attribute, independent of protocol version: a standard attribute is its tag (the 2.x
 * form; 1.x names it "Cryptographic Algorithm"), a vendor attribute its vendor and name (2.x
 * Vendor Identification + Attribute Name; 1.x the custom name "x-ID" is vendor "x", name "ID").
 */
public sealed interface AttributeName {

    record Standard(Tag tag) implements AttributeName {
    }

    record Vendor(String vendorIdentification, String name) implements AttributeName {
        public Vendor {
            if (vendorIdentification.isEmpty() || vendorIdentification.contains("-") || name.isEmpty()) {
                throw new IllegalArgumentException("vendor attribute needs a vendor without '-' and a name: " + vendorIdentification + "-" + name);
            }
        }
    }

    static AttributeName of(Tag tag) {
        return new Standard(tag);
    }
}
