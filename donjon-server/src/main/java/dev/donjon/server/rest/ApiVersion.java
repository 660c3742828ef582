package dev.donjon.server.rest;

import java.util.Optional;

/** A key-manager microversion negotiated through {@code OpenStack-API-Version}. */
public record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {
    public static final ApiVersion MIN = new ApiVersion(1, 0);
    public static final ApiVersion MAX = new ApiVersion(1, 2);
    static final String SERVICE = "key-manager";

    /** The version a header asks for; empty when it names an unsupported or unparsable one. */
    public static Optional<ApiVersion> negotiate(String header) {
        if (header == null) {
            return Optional.of(MIN);
        }
        String value = header.trim();
        if (!value.regionMatches(true, 0, SERVICE + " ", 0, SERVICE.length() + 1)) {
            return Optional.of(MIN);
        }
        String requested = value.substring(SERVICE.length() + 1).trim();
        if (requested.equalsIgnoreCase("latest")) {
            return Optional.of(MAX);
        }
        int dot = requested.indexOf('.');
        try {
            ApiVersion version = dot < 0
                    ? new ApiVersion(Integer.parseInt(requested), 0)
                    : new ApiVersion(Integer.parseInt(requested.substring(0, dot)),
                    Integer.parseInt(requested.substring(dot + 1)));
            return version.compareTo(MIN) >= 0 && version.compareTo(MAX) <= 0 ? Optional.of(version) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public boolean atLeast(int wantedMajor, int wantedMinor) {
        return compareTo(new ApiVersion(wantedMajor, wantedMinor)) >= 0;
    }

    @Override
    public int compareTo(ApiVersion other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
