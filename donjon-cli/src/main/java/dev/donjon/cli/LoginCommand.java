package dev.donjon.cli;

import dev.donjon.client.ClientTls;
import dev.donjon.client.ClientToken;
import dev.donjon.client.DonjonClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;

@Command(name = "login", mixinStandardHelpOptions = true,
        description = {"Check a server URL, CA and API token, and save them as a profile for the other commands.",
                "The token comes from --token-file (the profile keeps the file's path), DONJON_TOKEN or standard "
                        + "input (the profile, readable by you only, keeps the token)."})
final class LoginCommand implements Callable<Integer> {
    @Option(names = "--url", required = true, description = "Server URL(s), comma-separated for failover.")
    String url;

    @Option(names = "--ca", description = "PEM file of the CA that signed the server (the JDK's trust store if "
            + "absent).")
    Path ca;

    @Option(names = "--token-file", description = "File holding the API token.")
    Path tokenFile;

    @Option(names = "--token-stdin", description = "Read the token from standard input.")
    boolean tokenStdin;

    @Option(names = "--profile", defaultValue = "default", description = "Profile name (default: ${DEFAULT-VALUE}).")
    String profile;

    @Override
    public Integer call() throws IOException {
        Properties saved = new Properties();
        saved.setProperty("url", url);
        if (ca != null) {
            saved.setProperty("ca", ca.toAbsolutePath().toString());
        }
        String token;
        if (tokenFile != null) {
            token = ServerOptions.read(tokenFile);
            saved.setProperty("token_file", tokenFile.toAbsolutePath().toString());
        } else if (tokenStdin) {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isBlank()) {
                throw new IllegalArgumentException("no token on standard input");
            }
            token = line.strip();
            saved.setProperty("token", token);
        } else {
            token = System.getenv("DONJON_TOKEN");
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("give --token-file, --token-stdin or set DONJON_TOKEN");
            }
            token = token.strip();
            saved.setProperty("token", token);
        }
        DonjonClient.Builder builder = DonjonClient.builder().nodes(url.split(",")).token(ClientToken.of(token));
        if (ca != null) {
            builder.sslContext(ClientTls.trusting(ca));
        }
        try (DonjonClient donjon = builder.build()) {
            long secrets = donjon.secrets().list(null, 1, 0).total();
            Path file = Profiles.write(profile, saved);
            System.out.println("logged in to " + donjon.currentNode() + " with token " + ClientToken.of(token).id()
                    + " (" + secrets + " secrets visible); profile " + profile + " saved to " + file);
        }
        return 0;
    }
}
