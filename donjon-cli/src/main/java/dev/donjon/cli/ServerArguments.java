package dev.donjon.cli;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The forms of {@code donjon server} that the launcher, scripts and services use, read without picocli. picocli is
 * compiled for Java 5: the AOT cache cannot hold its classes, so every start loaded and verified 168 of them outside
 * the cache, and picocli then built the command's model by reflection, all before the server began to open. Only
 * arguments that picocli would read the same way are taken here: {@code --dev}, {@code --http}, {@code --data-dir},
 * {@code --port} and {@code --config}, each at most once, with a value that is neither empty nor starts with
 * {@code -} or {@code @} (an option name or an argument file to picocli) and a port in plain decimal. Anything else
 * (help, version, an unknown or repeated option, {@code --}) goes to picocli, whose help and errors stay as they are.
 */
final class ServerArguments {
    /** Decimal without a leading zero: what picocli's int converter reads the same way, and no overflow. */
    private static final Pattern PORT = Pattern.compile("0|[1-9][0-9]{0,8}");

    private ServerArguments() {
    }

    /** The server command these arguments give, or null when picocli should read them. */
    static ServerCommand parse(String... args) {
        if (args.length == 0 || !args[0].equals("server")) {
            return null;
        }
        ServerCommand command = new ServerCommand();
        command.dataDir = Path.of("data");
        command.port = 9311;
        Set<String> seen = new HashSet<>();
        for (int i = 1; i < args.length; i++) {
            String argument = args[i];
            int equals = argument.indexOf('=');
            String name = equals < 0 ? argument : argument.substring(0, equals);
            if (!seen.add(name)) {
                return null;
            }
            switch (name) {
                case "--dev", "--http" -> {
                    if (equals >= 0) {
                        return null;
                    }
                    if (name.equals("--dev")) {
                        command.dev = true;
                    } else {
                        command.http = true;
                    }
                }
                case "--data-dir", "--port", "--config" -> {
                    String value;
                    if (equals >= 0) {
                        value = argument.substring(equals + 1);
                    } else if (i + 1 < args.length) {
                        value = args[++i];
                    } else {
                        return null;
                    }
                    if (value.isEmpty() || value.startsWith("-") || value.startsWith("@")) {
                        return null;
                    }
                    if (name.equals("--port")) {
                        if (!PORT.matcher(value).matches()) {
                            return null;
                        }
                        command.port = Integer.parseInt(value);
                    } else if (name.equals("--data-dir")) {
                        command.dataDir = Path.of(value);
                    } else {
                        command.config = Path.of(value);
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        return command;
    }

    /** Runs the command as picocli's {@code execute} with {@code Donjon}'s failure handling would. */
    static int run(ServerCommand command) {
        try {
            return command.call();
        } catch (Exception failure) {
            System.err.println("donjon: " + Failures.oneLine(failure));
            System.err.flush();
            return 1;
        }
    }
}
