package dev.donjon.cli;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.message.Attribute;
import dev.donjon.kmip.message.Attributes;
import picocli.CommandLine.Option;

/**
 * Which objects an export, merge or partition move takes: those a Locate finds with these criteria, all the
 * credential's project holds without any. KMIP 2.x wild-cards ({@code *}, {@code ?}) work in both on Donjon.
 */
final class ObjectSelection {
    @Option(names = "--name", description = "Only objects with this Name; KMIP 2.x wild-cards * and ? work with "
            + "Donjon.")
    String name;

    @Option(names = "--group", description = "Only objects in this Object Group; wild-cards as for --name.")
    String group;

    Attributes criteria() {
        Attributes criteria = Attributes.EMPTY;
        if (name != null) {
            criteria = criteria.with(Attribute.name(name));
        }
        if (group != null) {
            criteria = criteria.with(Tag.OBJECT_GROUP, new Ttlv.TextItem(Tag.OBJECT_GROUP, group));
        }
        return criteria;
    }
}
