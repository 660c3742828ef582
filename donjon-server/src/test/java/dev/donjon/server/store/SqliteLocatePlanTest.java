package dev.donjon.server.store;

import dev.donjon.server.domain.object.KeyUsage;
import dev.donjon.server.domain.object.LifecycleState;
import dev.donjon.server.domain.object.LinkKind;
import dev.donjon.server.domain.object.LocateCriterion;
import dev.donjon.server.domain.object.LocateCriterion.TextRange;
import dev.donjon.server.domain.object.LocateQuery;
import dev.donjon.server.domain.object.NamePattern;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.object.RevocationReason;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.barbican.SecretType;
import dev.donjon.server.domain.object.UsageMask;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SQLite's query plans for Locate: every criterion is served by an index, none scans the secrets table, and a criterion
 * an index answers by itself drives the query rather than a walk of the whole project. Also the lifecycle jobs' sweeps,
 * which walk their partial "due" indexes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqliteLocatePlanTest {
    private Path database;

    @BeforeAll
    void migrate(@TempDir Path directory) {
        database = directory.resolve("plan.db");
        JdbcStore.open(new StoreConfig("jdbc:sqlite:" + database, null, null, 1)).close();
    }

    static Stream<LocateQuery> queries() {
        Optional<String> none = Optional.empty();
        return Stream.of(
                new LocateQuery(Optional.empty(), Optional.empty(), none, Optional.empty(), none, 10, 0),
                new LocateQuery(Optional.empty(), Optional.empty(), none, Optional.empty(), Optional.of("n"), 10, 0),
                new LocateQuery(Optional.of(SecretType.SYMMETRIC), Optional.empty(), none, Optional.empty(), none,
                        10, 0),
                new LocateQuery(Optional.empty(), Optional.of(LifecycleState.ACTIVE), none, Optional.empty(), none,
                        10, 0),
                new LocateQuery(Optional.empty(), Optional.empty(), Optional.of("aes"), Optional.empty(), none, 10, 0),
                new LocateQuery(Optional.of(SecretType.SYMMETRIC), Optional.of(LifecycleState.ACTIVE),
                        Optional.of("aes"), Optional.of(256), Optional.of("n"), 10, 0),
                new LocateQuery(Optional.empty(), Optional.empty(), none, Optional.empty(), Optional.empty(),
                        LocateQuery.Storage.ONLINE, 10, 0),
                new LocateQuery(Optional.of(SecretType.SYMMETRIC), Optional.empty(), none, Optional.empty(),
                        Optional.empty(), LocateQuery.Storage.DESTROYED, 10, 0),
                new LocateQuery(Optional.empty(), Optional.empty(), none, Optional.empty(),
                        Optional.of(NamePattern.wildcard("n*")), LocateQuery.Storage.ONLINE, 10, 0),
                new LocateQuery(Optional.empty(), Optional.empty(), none, Optional.empty(),
                        Optional.of(NamePattern.wildcard("n?x*")), LocateQuery.Storage.ANY, 10, 0),
                // A page after an anchor: its place comes from the primary keys of secrets and locate_anchors.
                driven(new LocateCriterion.After(new SecretId(UUID.randomUUID()))),
                driven(new LocateCriterion.After(new SecretId(UUID.randomUUID())),
                        new LocateCriterion.InState(LifecycleState.ACTIVE)));
    }

    /** Queries with a criterion an index answers by itself, and the index that must answer it. */
    static Stream<Arguments> drivenQueries() {
        LocateCriterion group = new LocateCriterion.Text("Object Group", List.of(TextRange.exactly("g")));
        LocateCriterion dates = new LocateCriterion.Text("Protect Stop Date", List.of(
                new TextRange("42005c0900000008000000000000000a", "42005c0900000008000000000000000f"),
                new TextRange("42000b0900000008000000000000000a", "42000b0900000008000000000000000f")));
        Instant t = Instant.parse("2030-01-01T00:00:00Z");
        return Stream.of(
                Arguments.of(driven(group), "object_text_attributes_by_project_value"),
                Arguments.of(driven(dates), "object_text_attributes_by_project_value"),
                Arguments.of(driven(new LocateCriterion.OfType(SecretType.SYMMETRIC), group,
                        new LocateCriterion.Text("x-a", List.of(TextRange.exactly("v")))),
                        "object_text_attributes_by_project_value"),
                Arguments.of(driven(new LocateCriterion.Identifier(new SecretId(UUID.randomUUID())), group),
                        "sqlite_autoindex_secrets_1"),
                Arguments.of(driven(new LocateCriterion.Linked(Optional.empty(), "t")), "object_links_by_target"),
                Arguments.of(driven(new LocateCriterion.Linked(Optional.of(LinkKind.PUBLIC_KEY), "t")),
                        "object_links_by_target"),
                Arguments.of(driven(new LocateCriterion.UsageIncludes(UsageMask.of(KeyUsage.ENCRYPT,
                        KeyUsage.DECRYPT))), "object_usage_bits_by_project_bit"),
                Arguments.of(driven(new LocateCriterion.Revoked(RevocationReason.KEY_COMPROMISE, Optional.of("m"))),
                        "secrets_by_project_revocation_reason"),
                Arguments.of(driven(new LocateCriterion.Dated(LocateCriterion.DateField.ACTIVATION, t, t)),
                        "secrets_by_project_activation_date"),
                Arguments.of(driven(new LocateCriterion.Dated(LocateCriterion.DateField.DEACTIVATION, t, t)),
                        "secrets_by_project_deactivation_date"),
                Arguments.of(driven(new LocateCriterion.Dated(LocateCriterion.DateField.DESTROY, t, t)),
                        "secrets_by_project_destroy_date"),
                Arguments.of(driven(new LocateCriterion.Dated(LocateCriterion.DateField.COMPROMISE, t, t)),
                        "secrets_by_project_compromise_date"),
                Arguments.of(driven(new LocateCriterion.Dated(LocateCriterion.DateField.COMPROMISE_OCCURRENCE, t,
                        t)), "secrets_by_project_compromise_occurrence_date"),
                Arguments.of(driven(new LocateCriterion.Dated(LocateCriterion.DateField.LAST_CHANGE, t, t)),
                        "secrets_by_project_updated"),
                Arguments.of(driven(new LocateCriterion.Dated(LocateCriterion.DateField.INITIAL, t, t),
                        new LocateCriterion.InState(LifecycleState.ACTIVE)), "secrets_by_project_created"),
                Arguments.of(driven(new LocateCriterion.Named(NamePattern.wildcard("*x")), group),
                        "object_text_attributes_by_project_value"));
    }

    private static LocateQuery driven(LocateCriterion... criteria) {
        return new LocateQuery(List.of(criteria), LocateQuery.Storage.ONLINE, 10, 0);
    }

    @ParameterizedTest
    @MethodSource("queries")
    void locateNeverScansSecrets(LocateQuery query) throws Exception {
        for (List<String> plan : plans(query)) {
            assertThat(plan).isNotEmpty().noneMatch(step -> step.matches("SCAN (secrets|object_names).*")
                    && !step.contains("USING"));
            if (query.criteria().stream().anyMatch(c -> c instanceof LocateCriterion.Named)) {
                // Walking the whole project through another index and testing each row's name is a scan too.
                // A wild-card pattern is a range of the name indexes, by its literal prefix.
                assertThat(plan).anyMatch(step -> step.contains("by_project_name"))
                        .noneMatch(step -> step.startsWith("SEARCH") && step.endsWith("(project=?)"));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("drivenQueries")
    void aCriterionAnIndexAnswersDrivesTheQueryInsteadOfAWalkOfTheProject(LocateQuery query, String index)
            throws Exception {
        for (List<String> plan : plans(query)) {
            assertThat(plan).anyMatch(step -> step.contains(index))
                    .noneMatch(step -> step.startsWith("SCAN") && !step.contains("driver"))
                    .noneMatch(step -> step.startsWith("SEARCH secrets") && step.endsWith("(project=?)"));
        }
    }

    static Stream<Arguments> sweeps() {
        long t = 1_900_000_000_000_000L;
        return Stream.of(
                Arguments.of(JdbcSweepRepository.EXPIRED, List.of(t, 10), "secrets_by_expiration_due"),
                Arguments.of(JdbcSweepRepository.DUE_ACTIVATIONS, List.of("pre-active", t, 10),
                        "secrets_by_activation_due"),
                Arguments.of(JdbcSweepRepository.DUE_DEACTIVATIONS, List.of("active", t, 10),
                        "secrets_by_deactivation_due"),
                Arguments.of(JdbcSweepRepository.DESTROYED_BEFORE, List.of("destroyed", "destroyed-compromised", t,
                        10), "secrets_by_destroy_date"));
    }

    /** A partial index (V37_1) serves a query only when the query implies its WHERE; a sweep never scans secrets. */
    @ParameterizedTest
    @MethodSource("sweeps")
    void eachLifecycleSweepWalksItsDueIndexInOrder(String sweep, List<Object> parameters, String index)
            throws Exception {
        List<String> plan = plan(sweep, parameters);
        // The destroyed sweep's two states are two ranges of its index, merged by a sort of what they hold.
        assertThat(plan).isNotEmpty().noneMatch(step -> step.startsWith("SCAN"));
        assertThat(plan.getFirst()).startsWith("SEARCH secrets USING INDEX " + index + " (");
    }

    /** The anchor prune (V42_1) walks the index on the time of deletion from its oldest row, never the table. */
    @Test
    void theLocateAnchorPruneWalksTheIndexOnTheTimeOfDeletion() throws Exception {
        List<String> plan = plan(JdbcLocateAnchorRepository.FORGET, List.of(1L, 10));
        assertThat(plan).anyMatch(step -> step.contains("USING COVERING INDEX locate_anchors_by_deleted (deleted<?)")
                        || step.contains("USING INDEX locate_anchors_by_deleted (deleted<?)"))
                .noneMatch(step -> step.startsWith("SCAN"));
    }

    /** The plans of the count and the page statements. */
    private List<List<String>> plans(LocateQuery query) throws Exception {
        JdbcManagedObjectRepository.LocateSql sql = JdbcManagedObjectRepository.LocateSql.of(new ProjectId("p"),
                query, Instant.parse("2030-01-01T00:00:00Z"));
        List<List<String>> plans = new ArrayList<>();
        for (String statement : List.of(sql.countSql(), sql.pageSql())) {
            List<Object> parameters = new ArrayList<>(sql.parameters());
            if (statement == sql.pageSql()) {
                parameters.addAll(List.of(10, 0));
            }
            plans.add(plan(statement, parameters));
        }
        return plans;
    }

    /** The plan with the query's own parameters bound: SQLite plans a GLOB by its pattern's literal prefix. */
    private List<String> plan(String statement, List<Object> parameters) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
             PreparedStatement explain = connection.prepareStatement("EXPLAIN QUERY PLAN " + statement)) {
            for (int i = 0; i < parameters.size(); i++) {
                explain.setObject(i + 1, parameters.get(i));
            }
            List<String> steps = new ArrayList<>();
            try (ResultSet rs = explain.executeQuery()) {
                while (rs.next()) {
                    steps.add(rs.getString("detail"));
                }
            }
            return steps;
        }
    }
}
