package dev.donjon.server.domain.keys;

import dev.donjon.server.domain.ProjectId;
import java.time.Instant;
import java.util.Arrays;

/** A project KEK as stored: wrapped by one version of the master key. Never holds the KEK in the clear. */
public record WrappedKek(ProjectId project, int version, int masterKeyVersion, byte[] wrapped, Instant created) {
    public WrappedKek {
        wrapped = wrapped.clone();
    }

    @Override
    public byte[] wrapped() {
        return wrapped.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WrappedKek that && project.equals(that.project) && version == that.version
                && masterKeyVersion == that.masterKeyVersion && Arrays.equals(wrapped, that.wrapped)
                && created.equals(that.created);
    }

    @Override
    public int hashCode() {
        return project.hashCode() * 31 + version;
    }

    @Override
    public String toString() {
        return "WrappedKek[project=" + project + ", version=" + version + ", masterKeyVersion=" + masterKeyVersion + "]";
    }
}
