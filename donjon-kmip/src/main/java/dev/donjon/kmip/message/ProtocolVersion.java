package dev.donjon.kmip.message;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.IntegerItem;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.ResultReason;
import java.util.List;

/** A KMIP protocol version; ordered, so "at least 2.0" is {@code v.compareTo(V2_0) >= 0}. */
public record ProtocolVersion(int major, int minor) implements Comparable<ProtocolVersion> {

    public static final ProtocolVersion V1_0 = new ProtocolVersion(1, 0);
    public static final ProtocolVersion V1_1 = new ProtocolVersion(1, 1);
    public static final ProtocolVersion V1_2 = new ProtocolVersion(1, 2);
    public static final ProtocolVersion V1_3 = new ProtocolVersion(1, 3);
    public static final ProtocolVersion V1_4 = new ProtocolVersion(1, 4);
    public static final ProtocolVersion V2_0 = new ProtocolVersion(2, 0);
    public static final ProtocolVersion V2_1 = new ProtocolVersion(2, 1);

    public ProtocolVersion {
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("negative protocol version " + major + "." + minor);
        }
    }

    /**
     * True for 2.0 and later, whose attributes are tagged items in an Attributes structure rather
     * than 1.x name/value Attribute structures; every version difference hangs off this test.
     */
    public boolean usesTaggedAttributes() {
        return major >= 2;
    }

    public Structure toTtlv() {
        return new Structure(Tag.PROTOCOL_VERSION,
                new IntegerItem(Tag.PROTOCOL_VERSION_MAJOR, major),
                new IntegerItem(Tag.PROTOCOL_VERSION_MINOR, minor));
    }

    /** Reads a Protocol Version structure; a malformed one is an Invalid Message. */
    public static ProtocolVersion fromTtlv(Ttlv item) throws KmipMessageException {
        Fields f = Fields.of(Fields.structure(item, Tag.PROTOCOL_VERSION, ResultReason.INVALID_MESSAGE), ResultReason.INVALID_MESSAGE,
                List.of(Tag.PROTOCOL_VERSION_MAJOR, Tag.PROTOCOL_VERSION_MINOR));
        int major = f.required(Tag.PROTOCOL_VERSION_MAJOR, IntegerItem.class).value();
        int minor = f.required(Tag.PROTOCOL_VERSION_MINOR, IntegerItem.class).value();
        if (major < 0 || minor < 0) {
            throw f.error("negative protocol version " + major + "." + minor);
        }
        return new ProtocolVersion(major, minor);
    }

    @Override
    public int compareTo(ProtocolVersion other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
