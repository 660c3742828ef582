package dev.donjon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.TtlvException;
import dev.donjon.kmip.TtlvJson;
import dev.donjon.kmip.enums.Operation;
import dev.donjon.kmip.message.KmipMessageException;
import dev.donjon.kmip.message.ProtocolVersion;
import dev.donjon.kmip.message.ResponsePayload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The file {@code donjon export} writes and {@code donjon import} reads (docs/export-import.md): JSON with a format
 * tag, where the objects came from, when, and each object as the TTLV-JSON (OASIS KMIP Profiles, TTLV-JSON) of a
 * KMIP 2.1 Export response payload: Object Type, Unique Identifier, Attributes (every one the source keeps, its
 * server-set ones included) and the managed object with its key material in the clear. Written with owner-only
 * permissions, since whoever reads it has the keys.
 */
final class TransferFile {
    static final String FORMAT = "donjon-kmip-objects/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TransferFile() {
    }

    static void write(Path file, String source, List<ResponsePayload.Export> objects) throws IOException {
        writePrivately(file, bytes(source, objects));
    }

    /** The file's contents: what {@link #write} writes, and what a sealed file holds encrypted. */
    static byte[] bytes(String source, List<ResponsePayload.Export> objects) throws IOException {
        ObjectNode root = JSON.createObjectNode().put("format", FORMAT).put("source", source)
                .put("exported", Instant.now().toString());
        ArrayNode array = root.putArray("objects");
        for (ResponsePayload.Export object : objects) {
            array.add(JSON.readTree(TtlvJson.encode(object.toTtlv(ProtocolVersion.V2_1))));
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    /** Writes a file only its owner may read. */
    static void writePrivately(Path file, byte[] contents) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(file, contents, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Whether the file is sealed (the lockbox envelope, a compact JWS) rather than plain JSON. */
    static boolean isSealed(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).trim();
        return !text.startsWith("{");
    }

    /** The source the file names, and its objects. */
    record Contents(String source, List<ResponsePayload.Export> objects) {
    }

    static Contents read(Path file) throws IOException {
        return parse(file.toString(), Files.readAllBytes(file));
    }

    /** @param file what to call the contents in messages */
    static Contents parse(String file, byte[] contents) throws IOException {
        JsonNode root = JSON.readTree(contents);
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException(file + " is not a " + FORMAT + " file");
        }
        List<ResponsePayload.Export> objects = new ArrayList<>();
        for (JsonNode node : root.path("objects")) {
            try {
                Ttlv payload = TtlvJson.decode(JSON.writeValueAsString(node));
                if (!(payload instanceof Ttlv.Structure structure)) {
                    throw new IllegalArgumentException(file + ": an object is not a TTLV structure");
                }
                objects.add(ResponsePayload.fromTtlv(Operation.EXPORT, structure, ProtocolVersion.V2_1)
                        .map(ResponsePayload.Export.class::cast).orElseThrow());
            } catch (TtlvException | KmipMessageException e) {
                throw new IllegalArgumentException(file + ": an object is malformed: " + e.getMessage(), e);
            }
        }
        return new Contents(root.path("source").asText(), objects);
    }
}
