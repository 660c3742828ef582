package dev.donjon.kmip;

/**
 * A named KMIP value: an enumeration value, a mask bit, a tag or an item type. The code is what
 * travels in binary TTLV; the spec name is what TTLV-XML and TTLV-JSON print.
 */
public interface KmipEnum {

    int code();

    /** Normalized name per the KMIP profiles' "Normalizing Names" rule, e.g. "SymmetricKey". */
    String specName();
}
