package dev.donjon.server.net;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * How many connections each listener may hold, sized from the process's descriptor limit: every connection costs a
 * descriptor, and a listener that runs out of them cannot accept again (Helidon's listener even stops for good). A
 * reserve stays free for the database, the log files, the class path and the client sockets the node opens itself;
 * the rest is shared two to one between REST and KMIP (all to REST when KMIP is off). A configured figure wins.
 *
 * @param rest the most connections the REST listener holds at once
 * @param kmip the most connections the KMIP listener holds at once
 */
public record ConnectionBudget(int rest, int kmip) {
    /** When the platform cannot say (not a Unix JVM), a figure that every current Linux default exceeds. */
    static final long UNKNOWN_LIMIT = 1024;
    static final int SMALLEST_RESERVE = 256;

    /**
     * @param restConfigured the configured REST limit, or 0 for the share of the descriptor limit
     * @param kmipConfigured the configured KMIP limit, or 0 for the share of the descriptor limit
     */
    public static ConnectionBudget of(int restConfigured, int kmipConfigured, boolean kmipEnabled) {
        return of(restConfigured, kmipConfigured, kmipEnabled, descriptorLimit());
    }

    static ConnectionBudget of(int restConfigured, int kmipConfigured, boolean kmipEnabled, long descriptorLimit) {
        long reserve = Math.max(SMALLEST_RESERVE, descriptorLimit / 10);
        long available = Math.max(2, descriptorLimit - reserve);
        int rest = (int) Math.min(Integer.MAX_VALUE, kmipEnabled ? available * 2 / 3 : available);
        int kmip = kmipEnabled ? (int) Math.min(Integer.MAX_VALUE, available - rest) : 0;
        return new ConnectionBudget(restConfigured > 0 ? restConfigured : Math.max(1, rest),
                kmipConfigured > 0 ? kmipConfigured : Math.max(1, kmip));
    }

    /** The process's limit on open descriptors (RLIMIT_NOFILE), as the JVM reports it. */
    public static long descriptorLimit() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return UNKNOWN_LIMIT;
    }

    /** Descriptors the process has open now, or -1 when the platform cannot say. */
    public static long openDescriptors() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getOpenFileDescriptorCount();
        }
        return -1;
    }
}
