package dev.donjon.server.domain.object;

/**
 * What an object's key may be used for (KMIP's Cryptographic Usage Mask). Each usage keeps the bit the KMIP
 * specification gives it, so that stored masks stay readable by anyone holding the spec.
 */
public enum KeyUsage {
    SIGN(0x1, true),
    VERIFY(0x2, false),
    ENCRYPT(0x4, true),
    DECRYPT(0x8, false),
    WRAP_KEY(0x10, true),
    UNWRAP_KEY(0x20, false),
    EXPORT(0x40, false),
    MAC_GENERATE(0x80, true),
    MAC_VERIFY(0x100, false),
    DERIVE_KEY(0x200, true),
    CONTENT_COMMITMENT(0x400, true),
    KEY_AGREEMENT(0x800, true),
    CERTIFICATE_SIGN(0x1000, true),
    CRL_SIGN(0x2000, true),
    AUTHENTICATE(0x100000, true),
    UNRESTRICTED(0x200000, true);

    private final int bit;
    private final boolean protects;

    KeyUsage(int bit, boolean protects) {
        this.bit = bit;
        this.protects = protects;
    }

    public int bit() {
        return bit;
    }

    /** True for usages that protect new data; only Active objects may do those. */
    public boolean protects() {
        return protects;
    }
}
