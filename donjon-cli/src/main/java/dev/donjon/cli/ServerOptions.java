package dev.donjon.cli;

import dev.donjon.client.ClientTls;
import dev.donjon.client.ClientToken;
import dev.donjon.client.DonjonClient;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * How a command reaches a running server: a profile written by {@code donjon login}, overridden by options and by
 * the environment ({@code DONJON_URL}, {@code DONJON_CA}, {@code DONJON_TOKEN}, {@code DONJON_PROFILE}), as vault
 * and the OpenStack client read theirs.
 */
final class ServerOptions {
    @Option(names = "--profile", description = "Profile from `donjon login` (default: $DONJON_PROFILE or default).")
    String profile;

    @Option(names = "--url", description = "Server URL(s), comma-separated for failover (default: the profile's, "
            + "or $DONJON_URL).")
    String url;

    @Option(names = "--ca", description = "PEM file of the CA that signed the server (default: the profile's, or "
            + "$DONJON_CA; the JDK's trust store if none).")
    Path ca;

    @Option(names = "--token-file", description = "File holding the API token (default: $DONJON_TOKEN, then the "
            + "profile's).")
    Path tokenFile;

    String profileName() {
        if (profile != null) {
            return profile;
        }
        String fromEnvironment = System.getenv("DONJON_PROFILE");
        return fromEnvironment == null || fromEnvironment.isBlank() ? "default" : fromEnvironment;
    }

    DonjonClient connect() {
        Properties saved = Profiles.read(profileName());
        String urls = first(url, System.getenv("DONJON_URL"), saved.getProperty("url"));
        if (urls == null) {
            throw new IllegalArgumentException("no server: run `donjon login --url URL ...` or give --url");
        }
        String caFile = first(ca == null ? null : ca.toString(), System.getenv("DONJON_CA"), saved.getProperty("ca"));
        String token = token(saved);
        DonjonClient.Builder builder = DonjonClient.builder().nodes(urls.split(","));
        if (caFile != null) {
            builder.sslContext(ClientTls.trusting(Path.of(caFile)));
        }
        if (token != null) {
            builder.token(ClientToken.of(token));
        }
        return builder.build();
    }

    private String token(Properties saved) {
        if (tokenFile != null) {
            return read(tokenFile);
        }
        String fromEnvironment = System.getenv("DONJON_TOKEN");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.strip();
        }
        if (saved.getProperty("token_file") != null) {
            return read(Path.of(saved.getProperty("token_file")));
        }
        String token = saved.getProperty("token");
        if (token == null) {
            throw new IllegalArgumentException("no token: run `donjon login`, set DONJON_TOKEN or give --token-file");
        }
        return token;
    }

    static String read(Path file) {
        try {
            String token = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (token.isEmpty()) {
                throw new IllegalArgumentException("the token file " + file + " is empty");
            }
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("cannot read the token file " + file + ": "
                    + e.getMessage(), e));
        }
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }
}
