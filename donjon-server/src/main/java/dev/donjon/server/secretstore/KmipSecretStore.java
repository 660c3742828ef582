package dev.donjon.server.secretstore;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.client.KmipClient;
import dev.donjon.kmip.client.KmipOperationException;
import dev.donjon.kmip.enums.KeyFormatType;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.enums.SecretDataType;
import dev.donjon.kmip.message.Attribute;
import dev.donjon.kmip.message.Attributes;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.barbican.SecretType;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * An external KMIP server that holds secrets' material for Donjon (Barbican's KMIP secret store plugin): Register puts
 * a payload there, Get reads it back, Destroy frees it; Donjon keeps the metadata and the identifier the device gave.
 * Talks binary KMIP with Donjon's own {@link KmipClient} over mutual TLS. Every payload is registered as Secret Data
 * (Password for passphrases, Seed otherwise) with an Opaque key format: the device keeps the bytes Donjon serves, as
 * they were given, without having to understand a PEM or DER encoding, and Donjon keeps the type, algorithm and
 * length with its metadata.
 *
 * <p>Connections are reused: a device may drop a connection that stayed idle (PyKMIP's server does after 10 s), so an
 * idle one older than {@link #IDLE_REUSE} is closed rather than tried, and a reused one that fails before answering is
 * replaced by a fresh one once. Failures become {@link DomainException.Unavailable}, naming the device and the cause.
 */
public final class KmipSecretStore implements AutoCloseable {
    /** How long an idle connection is trusted to still be open. */
    static final Duration IDLE_REUSE = Duration.ofSeconds(5);
    /** The Name a registered object gets, so that an operator can tell which secret it belongs to. */
    static final String NAME_PREFIX = "donjon-secret-";

    private final KmipClient.Config config;
    private final String device;
    private final ConcurrentLinkedDeque<Idle> idle = new ConcurrentLinkedDeque<>();

    private record Idle(KmipClient client, long since) {
    }

    public KmipSecretStore(KmipClient.Config config) {
        this.config = config;
        this.device = "KMIP secret store " + config.host() + ":" + config.port();
    }

    /** @return the Unique Identifier the device gave the object */
    public String register(String secretId, SecretType type, byte[] material) {
        Attributes attributes = Attributes.of(Attribute.name(NAME_PREFIX + secretId));
        SecretDataType dataType = type == SecretType.PASSPHRASE ? SecretDataType.PASSWORD : SecretDataType.SEED;
        Ttlv.Structure object = new Ttlv.Structure(Tag.SECRET_DATA.code(), List.of(
                new Ttlv.EnumerationItem(Tag.SECRET_DATA_TYPE.code(), dataType.code()),
                new Ttlv.Structure(Tag.KEY_BLOCK.code(), List.of(
                        new Ttlv.EnumerationItem(Tag.KEY_FORMAT_TYPE.code(), KeyFormatType.OPAQUE.code()),
                        new Ttlv.Structure(Tag.KEY_VALUE.code(),
                                List.of(new Ttlv.BytesItem(Tag.KEY_MATERIAL.code(), material)))))));
        return call("Register", client -> client.register(ObjectType.SECRET_DATA, attributes, object));
    }

    /** The payload the device holds under {@code uniqueIdentifier}. */
    public byte[] get(String uniqueIdentifier) {
        ResponsePayload.Get answer = call("Get", client -> client.get(uniqueIdentifier));
        return answer.managedObject().find(Tag.KEY_BLOCK, Ttlv.Structure.class)
                .flatMap(block -> block.find(Tag.KEY_VALUE))
                .flatMap(value -> value instanceof Ttlv.Structure structure ? structure.find(Tag.KEY_MATERIAL)
                        : Optional.of(value))
                .filter(Ttlv.BytesItem.class::isInstance).map(item -> ((Ttlv.BytesItem) item).value())
                .orElseThrow(() -> new DomainException.Unavailable(device + " answered Get for " + uniqueIdentifier
                        + " without key material in a form Donjon stores (a raw or opaque Key Value)"));
    }

    /** Destroys the object; one the device no longer has counts as destroyed. */
    public void destroy(String uniqueIdentifier) {
        call("Destroy", client -> {
            try {
                client.destroy(uniqueIdentifier);
            } catch (KmipOperationException e) {
                if (e.reason() != ResultReason.ITEM_NOT_FOUND) {
                    throw e;
                }
            }
            return null;
        });
    }

    /** What the store is: its device's address, for messages and logs. */
    public String device() {
        return device;
    }

    private interface Operation<T> {
        T on(KmipClient client) throws IOException, KmipOperationException;
    }

    private <T> T call(String operation, Operation<T> work) {
        Idle reused = freshIdle();
        if (reused != null) {
            try {
                return done(reused.client(), work.on(reused.client()));
            } catch (IOException stale) {
                // The device may have dropped the idle connection without our noticing: a fresh one says whether it
                // is really unreachable.
                closeQuietly(reused.client());
            } catch (KmipOperationException e) {
                done(reused.client(), null);
                throw refused(operation, e);
            }
        }
        KmipClient client;
        try {
            client = KmipClient.connect(config);
        } catch (IOException e) {
            throw new DomainException.Unavailable(device + " is unreachable: " + describe(e));
        }
        try {
            return done(client, work.on(client));
        } catch (IOException e) {
            closeQuietly(client);
            throw new DomainException.Unavailable(device + " failed during " + operation + ": " + describe(e));
        } catch (KmipOperationException e) {
            done(client, null);
            throw refused(operation, e);
        }
    }

    private DomainException.Unavailable refused(String operation, KmipOperationException e) {
        return new DomainException.Unavailable(device + " refused " + operation + ": " + e.reason().specName()
                + " (" + e.getMessage() + ")");
    }

    private Idle freshIdle() {
        for (Idle candidate = idle.pollFirst(); candidate != null; candidate = idle.pollFirst()) {
            if (System.nanoTime() - candidate.since() < IDLE_REUSE.toNanos()) {
                return candidate;
            }
            closeQuietly(candidate.client());
        }
        return null;
    }

    private <T> T done(KmipClient client, T result) {
        idle.addFirst(new Idle(client, System.nanoTime()));
        return result;
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void closeQuietly(KmipClient client) {
        try {
            client.close();
        } catch (IOException ignored) {
            // The connection is being dropped anyway.
        }
    }

    @Override
    public void close() {
        for (Idle one = idle.pollFirst(); one != null; one = idle.pollFirst()) {
            closeQuietly(one.client());
        }
    }
}
