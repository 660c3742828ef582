package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.enums.State;
import dev.donjon.kmip.message.Attributes;
import dev.donjon.kmip.message.ProtocolVersion;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.kmip.message.Attribute;
import dev.donjon.kmip.message.AttributeName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LocateTest extends OperationTest {

    private String created(String name) {
        return serve(new RequestPayload.Create(ObjectType.SYMMETRIC_KEY, Attributes.symmetricKey(
                CryptographicAlgorithm.AES, 128).with(name(name))), ResponsePayload.Create.class).uniqueIdentifier();
    }

    @Test
    void findsByNameAndSetsTheIdPlaceholderToTheOneFound() {
        String name = unique("locate");
        String id = created(name);
        OperationContext batch = context(ProtocolVersion.V2_1);

        ResponsePayload.Locate found = serve(batch, RequestPayload.Locate.byAttributes(Attributes.of(name(name))),
                ResponsePayload.Locate.class);

        assertThat(found.uniqueIdentifiers()).containsExactly(id);
        assertThat(found.locatedItems()).isEmpty();
        assertThat(serve(batch, new RequestPayload.Activate(Optional.empty()), ResponsePayload.Activate.class)
                .uniqueIdentifier()).isEqualTo(id);
    }

    @Test
    void pagesNewestFirstAndCountsWhenAskedToPage() {
        String group = unique("group");
        Attributes inGroup = Attributes.EMPTY.with(Tag.OBJECT_GROUP, new dev.donjon.kmip.Ttlv.TextItem(
                Tag.OBJECT_GROUP, group));
        String older = serve(new RequestPayload.Create(ObjectType.SYMMETRIC_KEY, Attributes.symmetricKey(
                CryptographicAlgorithm.AES, 128).with(inGroup.list().getFirst())), ResponsePayload.Create.class)
                .uniqueIdentifier();
        String newer = serve(new RequestPayload.Create(ObjectType.SYMMETRIC_KEY, Attributes.symmetricKey(
                CryptographicAlgorithm.AES, 128).with(inGroup.list().getFirst())), ResponsePayload.Create.class)
                .uniqueIdentifier();

        ResponsePayload.Locate first = serve(new RequestPayload.Locate(Optional.of(1), Optional.empty(),
                Optional.empty(), Optional.empty(), inGroup), ResponsePayload.Locate.class);
        ResponsePayload.Locate second = serve(new RequestPayload.Locate(Optional.of(1), Optional.of(1),
                Optional.empty(), Optional.empty(), inGroup), ResponsePayload.Locate.class);

        assertThat(first.uniqueIdentifiers()).containsExactly(newer);
        assertThat(second.uniqueIdentifiers()).containsExactly(older);
        assertThat(first.locatedItems()).contains(2);
        // KMIP 1.2 has no Located Items.
        assertThat(serve(context(ProtocolVersion.V1_2), new RequestPayload.Locate(Optional.of(1), Optional.empty(),
                Optional.empty(), Optional.empty(), inGroup), ResponsePayload.Locate.class).locatedItems()).isEmpty();
    }

    @Test
    void aDestroyedObjectIsFoundOnlyByItsState() {
        String name = unique("gone");
        String id = created(name);
        serve(new RequestPayload.Destroy(Optional.of(id)), ResponsePayload.Destroy.class);

        assertThat(serve(RequestPayload.Locate.byAttributes(Attributes.of(name(name))), ResponsePayload.Locate.class)
                .uniqueIdentifiers()).isEmpty();
        assertThat(serve(RequestPayload.Locate.byAttributes(Attributes.of(name(name)).withEnumeration(Tag.STATE,
                State.DESTROYED)), ResponsePayload.Locate.class).uniqueIdentifiers()).containsExactly(id);
    }

    @Test
    void pagesAfterAnAnchorRepeatAndMissNothingWhileObjectsAreAddedAndDeleted() {
        Attribute inGroup = group(unique("paged"));
        List<String> before = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            before.add(inGroup(inGroup));
        }
        Set<String> deleted = new HashSet<>();
        List<String> seen = new ArrayList<>();
        List<String> page = List.of();
        int pages = 0;
        do {
            Attributes asked = Attributes.of(inGroup);
            if (!page.isEmpty()) {
                asked = asked.with(after(page.getLast()));
            }
            page = serve(new RequestPayload.Locate(Optional.of(4), Optional.empty(), Optional.empty(),
                    Optional.empty(), asked), ResponsePayload.Locate.class).uniqueIdentifiers();
            seen.addAll(page);
            if (++pages <= 2) {
                // Between pages: two objects are added, and deleted for good (REST delete, the row goes) are the
                // anchor of the next page, an object already seen and one not yet seen.
                inGroup(inGroup);
                inGroup(inGroup);
                List<String> unseen = before.stream().filter(id -> !seen.contains(id) && !deleted.contains(id))
                        .toList();
                for (String id : List.of(page.getLast(), seen.getFirst(), unseen.getLast())) {
                    if (deleted.add(id)) {
                        node().secrets().delete(context(ProtocolVersion.V2_1).call(),
                                dev.donjon.server.domain.barbican.SecretId.parse(id).orElseThrow(), false);
                    }
                }
            }
        } while (page.size() == 4);

        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen).containsAll(before.stream().filter(id -> !deleted.contains(id)).toList());
        // Newest first: what was there from the start comes in creation order, reversed.
        List<String> kept = seen.stream().filter(before::contains).toList();
        List<String> expected = new ArrayList<>(before.stream().filter(kept::contains).toList());
        java.util.Collections.reverse(expected);
        assertThat(kept).isEqualTo(expected);
    }

    @Test
    void pagesAfterAnAnchorStayWholeUnderConcurrentWrites() throws Exception {
        Attribute inGroup = group(unique("busy"));
        List<String> stable = new ArrayList<>();
        List<String> doomed = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            stable.add(inGroup(inGroup));
            doomed.add(inGroup(inGroup));
        }
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread writer = Thread.ofPlatform().start(() -> {
            for (int i = 0; !stop.get() && i < doomed.size(); i++) {
                inGroup(inGroup);
                node().secrets().delete(context(ProtocolVersion.V2_1).call(),
                        dev.donjon.server.domain.barbican.SecretId.parse(doomed.get(i)).orElseThrow(), false);
            }
        });
        List<String> seen = new ArrayList<>();
        try {
            List<String> page = List.of();
            do {
                Attributes asked = page.isEmpty() ? Attributes.of(inGroup) : Attributes.of(inGroup)
                        .with(after(page.getLast()));
                page = serve(new RequestPayload.Locate(Optional.of(3), Optional.empty(), Optional.empty(),
                        Optional.empty(), asked), ResponsePayload.Locate.class).uniqueIdentifiers();
                seen.addAll(page);
            } while (page.size() == 3);
        } finally {
            stop.set(true);
            writer.join();
        }

        assertThat(seen).doesNotHaveDuplicates().containsAll(stable);
    }

    @Test
    void wildCardsMatchEveryTextAttributeIn2xAndAreLiteralIn1x() {
        String prefix = unique("grp");
        String a = inGroup(group(prefix + "-alpha"));
        String b = inGroup(group(prefix + "-beta"));
        inGroup(group(unique("other") + "-alpha"));

        assertThat(serve(RequestPayload.Locate.byAttributes(Attributes.of(group(prefix + "-*"))),
                ResponsePayload.Locate.class).uniqueIdentifiers()).containsExactlyInAnyOrder(a, b);
        assertThat(serve(RequestPayload.Locate.byAttributes(Attributes.of(group("*" + prefix.substring(3)
                + "-?lpha"))), ResponsePayload.Locate.class).uniqueIdentifiers()).containsExactly(a);
        assertThat(serve(context(ProtocolVersion.V1_4), RequestPayload.Locate.byAttributes(Attributes.of(
                group(prefix + "-*"))), ResponsePayload.Locate.class).uniqueIdentifiers()).isEmpty();
    }

    private static Attribute group(String group) {
        return Attributes.EMPTY.with(Tag.OBJECT_GROUP, new dev.donjon.kmip.Ttlv.TextItem(Tag.OBJECT_GROUP, group))
                .list().getFirst();
    }

    private static Attribute after(String anchor) {
        return new Attribute(new AttributeName.Vendor("x", "donjon-after"), Optional.empty(),
                new dev.donjon.kmip.Ttlv.TextItem(Tag.ATTRIBUTE_VALUE.code(), anchor));
    }

    private String inGroup(Attribute group) {
        return serve(new RequestPayload.Create(ObjectType.SYMMETRIC_KEY, Attributes.symmetricKey(
                CryptographicAlgorithm.AES, 128).with(group)), ResponsePayload.Create.class).uniqueIdentifier();
    }
}
