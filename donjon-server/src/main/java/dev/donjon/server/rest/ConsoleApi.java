package dev.donjon.server.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /console/}: the web console's static files, read from the jar once at start-up. The console is a plain
 * client of the public {@code /v1} API (it sends the token the user typed as {@code X-Auth-Token}); serving it needs
 * no credentials and reveals nothing but the code itself. Every answer carries a strict policy: scripts and styles
 * only from these files (no inline code), no framing, no sniffing, no referrer, and revalidation through an ETag.
 */
public final class ConsoleApi implements PublicRoutes {
    static final String PREFIX = "/console";
    private static final String RESOURCES = "/dev/donjon/server/console/";
    private static final String INDEX = "index.html";
    /** The files served; anything else under /console/ is 404. */
    private static final List<String> FILES = List.of(INDEX, "style.css", "favicon.svg", "main.js", "api.js", "ui.js",
            "dom.js", "login.js", "secrets.js", "containers.js", "orders.js", "acl.js", "audit.js");
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final Map<String, Asset> assets = new LinkedHashMap<>();

    public ConsoleApi() {
        for (String file : FILES) {
            byte[] content = read(file);
            assets.put(file, new Asset(contentType(file), content, etag(content)));
        }
    }

    @Override
    public void register(Router router) {
        // "/console" and "/console/" are the same route to the router; the page names its files by absolute path.
        router.add("GET", PREFIX, request -> serve(INDEX, request))
                .add("GET", PREFIX + "/{file}", request -> serve(request.path("file"), request));
    }

    private Reply serve(String file, RestRequest request) {
        Asset asset = assets.get(file);
        if (asset == null) {
            throw ApiError.notFound("Not Found");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.put("X-Frame-Options", "DENY");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("Cross-Origin-Opener-Policy", "same-origin");
        headers.put("Cross-Origin-Resource-Policy", "same-origin");
        // Revalidated on every load: a server upgrade is seen at once, an unchanged file costs a 304.
        headers.put("Cache-Control", "no-cache");
        headers.put("ETag", asset.etag());
        if (asset.etag().equals(request.headers().first("If-None-Match"))) {
            return new Reply.Bytes(304, asset.contentType(), new byte[0], headers);
        }
        // The transport wipes what it sends: each answer gets its own copy.
        return new Reply.Bytes(200, asset.contentType(), asset.content().clone(), headers);
    }

    private static byte[] read(String file) {
        try (InputStream in = ConsoleApi.class.getResourceAsStream(RESOURCES + file)) {
            if (in == null) {
                throw new IllegalStateException("console file " + file + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read console file " + file, e);
        }
    }

    private static String contentType(String file) {
        String extension = file.substring(file.lastIndexOf('.') + 1);
        return switch (extension) {
            case "html" -> "text/html; charset=utf-8";
            case "js" -> "text/javascript; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "svg" -> "image/svg+xml";
            default -> throw new IllegalArgumentException("no content type for console file " + file);
        };
    }

    private static String etag(byte[] content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Asset(String contentType, byte[] content, String etag) {
    }
}
