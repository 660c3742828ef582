package dev.donjon.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command and subcommand answers {@code --help} with its usage and exit status 0, required options or not. */
class CommandTreeHelpTest {

    @TestFactory
    Stream<DynamicTest> everyCommandAnswersHelp() {
        List<List<String>> paths = new ArrayList<>();
        walk(Donjon.commandLine(), new ArrayList<>(), paths);
        assertThat(paths).as("the tree includes the leaves").anyMatch(path -> path.size() >= 2);
        return paths.stream().map(path -> DynamicTest.dynamicTest(String.join(" ", path) + " --help", () -> {
            List<String> args = new ArrayList<>(path.subList(1, path.size()));
            args.add("--help");
            assertThat(DonjonRun.run(args.toArray(String[]::new)).expect(0).out())
                    .startsWith("Usage: " + String.join(" ", path));
        }));
    }

    private static void walk(CommandLine command, List<String> prefix, List<List<String>> paths) {
        List<String> path = new ArrayList<>(prefix);
        path.add(command.getCommandName());
        paths.add(path);
        assertThat(command.getCommandSpec().mixinStandardHelpOptions())
                .as("%s has mixinStandardHelpOptions", path).isTrue();
        // Aliases share the subcommand object; walk each command once.
        command.getSubcommands().values().stream().distinct().forEach(sub -> walk(sub, path, paths));
    }
}
