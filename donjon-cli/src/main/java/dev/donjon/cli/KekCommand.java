package dev.donjon.cli;

import dev.donjon.server.app.Node;
import dev.donjon.server.crypto.KekRotation;
import dev.donjon.server.domain.ProjectId;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "kek", description = "Rotate and inspect the project KEKs that seal every payload.",
        mixinStandardHelpOptions = true, subcommands = {KekCommand.Rotate.class, KekCommand.Status.class})
final class KekCommand {

    /** Exactly one of a project and every project: rotating all by omission would be a surprise. */
    static final class Which {
        @Option(names = "--project", paramLabel = "PROJECT", description = "Rotate this project's KEK.")
        String project;

        @Option(names = "--all", description = "Rotate every project's KEK.")
        boolean all;
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true, description = "Give a project (or every project) a "
            + "new KEK version: the running nodes seal new payloads under it within seconds, re-encrypt the existing "
            + "ones in the background while they serve, and retire the old version once nothing uses it; follow with "
            + "`donjon kek status`.")
    static final class Rotate implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @ArgGroup(multiplicity = "1")
        Which which;

        @Override
        public Integer call() {
            try (Node node = Node.open(store.resolve())) {
                Map<ProjectId, Integer> rotated = which.all
                        ? KekRotation.rotateAll(node.masterKeystore(), node.store(), node.random(), node.clock())
                        : Map.of(new ProjectId(which.project), KekRotation.rotate(node.masterKeystore(), node.store(),
                        node.random(), node.clock(), new ProjectId(which.project)));
                rotated.forEach((project, version) -> System.out.println("project " + project.value()
                        + ": KEK version " + version + " created and current"));
                System.out.println(rotated.size() + " project KEK(s) rotated; the running nodes re-encrypt the "
                        + "payloads under the new versions");
            }
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show the projects whose payloads are "
            + "being re-encrypted (or one project): KEK versions, payloads per version, the job's progress and lease.")
    static final class Status implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Option(names = "--project", paramLabel = "PROJECT", description = "Show this project only.")
        String project;

        @Override
        public Integer call() {
            try (Node node = Node.open(store.resolve())) {
                System.out.print(KekRotation.status(node.store(), node.store().jobLeases(),
                        Optional.ofNullable(project).map(ProjectId::new)).describe(node.clock().instant()));
            }
            return 0;
        }
    }
}
