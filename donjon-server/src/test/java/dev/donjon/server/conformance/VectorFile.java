package dev.donjon.server.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * One OASIS KMIP profile test case: a sequence of request/expected-response pairs, e.g.
 * {@code v1.4/mandatory/SKLC-M-1-14.xml}.
 */
record VectorFile(Path path, String name, String version, boolean mandatory, List<Exchange> exchanges) {
    record Exchange(XmlTree request, XmlTree expectedResponse) {
    }

    /** The profile's short name: {@code SKLC-M-1-14} → {@code SKLC}, {@code CS-BC-M-GCM-1-21} → {@code CS-BC}. */
    String profile() {
        int mandatoryMark = name.indexOf("-M-");
        int optionalMark = name.indexOf("-O-");
        int end = mandatoryMark >= 0 ? mandatoryMark : optionalMark >= 0 ? optionalMark : name.indexOf('-');
        return name.substring(0, end);
    }

    static VectorFile load(Path file) {
        try {
            List<XmlTree> messages = XmlTree.parseChildrenOfRoot(Files.readString(file));
            List<Exchange> exchanges = new ArrayList<>();
            for (int i = 0; i + 1 < messages.size(); i += 2) {
                XmlTree request = messages.get(i);
                XmlTree response = messages.get(i + 1);
                if (!request.name().equals("RequestMessage") || !response.name().equals("ResponseMessage")) {
                    throw new IllegalArgumentException(file + ": message " + i + " is not a request/response pair");
                }
                exchanges.add(new Exchange(request, response));
            }
            String fileName = file.getFileName().toString().replace(".xml", "");
            return new VectorFile(file, fileName, file.getParent().getParent().getFileName().toString(),
                    file.getParent().getFileName().toString().equals("mandatory"), exchanges);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The directory of the OASIS vectors beside the repository ({@code ../shared/reference/kmip/vectors}). */
    static Path locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/reference/kmip/vectors");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    static List<VectorFile> all(Path vectors) {
        try (Stream<Path> files = Files.walk(vectors)) {
            return files.filter(f -> f.toString().endsWith(".xml")).sorted().map(VectorFile::load).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cases Donjon claims to pass: {@code kmip/claimed-vectors.txt}, file names without {@code .xml}. */
    static Set<String> claimed() throws IOException {
        try (InputStream in = VectorFile.class.getResourceAsStream("/kmip/claimed-vectors.txt")) {
            Set<String> names = new TreeSet<>();
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).forEach(names::add);
            return names;
        }
    }

    @Override
    public String toString() {
        return version + "/" + (mandatory ? "mandatory" : "optional") + "/" + name;
    }
}
