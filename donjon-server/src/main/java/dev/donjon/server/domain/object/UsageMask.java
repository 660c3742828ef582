package dev.donjon.server.domain.object;

/**
 * An object's Cryptographic Usage Mask. The bits are kept whole, including those Donjon has no operation for, so that
 * a client reads back exactly the mask it set.
 */
public record UsageMask(int bits) {
    /** What secrets created over REST get: Barbican has no usage restrictions. */
    public static final UsageMask UNRESTRICTED = new UsageMask(KeyUsage.UNRESTRICTED.bit());

    public static UsageMask of(KeyUsage... usages) {
        int bits = 0;
        for (KeyUsage usage : usages) {
            bits |= usage.bit();
        }
        return new UsageMask(bits);
    }

    public boolean permits(KeyUsage usage) {
        return (bits & (usage.bit() | KeyUsage.UNRESTRICTED.bit())) != 0;
    }

    /** Whether every usage in {@code wanted} is allowed, counting the Unrestricted bit as allowing everything. */
    public boolean covers(UsageMask wanted) {
        return permits(KeyUsage.UNRESTRICTED) || (wanted.bits & ~bits) == 0;
    }
}
