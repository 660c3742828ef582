package dev.donjon.server.store;

import dev.donjon.server.domain.LifecycleState;
import dev.donjon.server.domain.LocateQuery;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.SecretType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
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
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** SQLite's query plans for Locate: every criterion is served by an index, none scans the secrets table. */
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
                        Optional.of("aes"), Optional.of(256), Optional.of("n"), 10, 0));
    }

    @ParameterizedTest
    @MethodSource("queries")
    void locateNeverScansSecrets(LocateQuery query) throws Exception {
        JdbcManagedObjectRepository.LocateSql sql = JdbcManagedObjectRepository.LocateSql.of(new ProjectId("p"),
                query, Instant.parse("2030-01-01T00:00:00Z"));
        for (String statement : List.of(sql.countSql(), sql.pageSql())) {
            List<String> plan = plan(statement, sql.parameters().size() + (statement == sql.pageSql() ? 2 : 0));
            assertThat(plan).as(statement).isNotEmpty().noneMatch(step -> step.matches("SCAN (secrets|object_names).*")
                    && !step.contains("USING"));
            if (query.name().isPresent()) {
                // Walking the whole project through another index and testing each row's name is a scan too.
                assertThat(plan).as(statement).anyMatch(step -> step.contains("by_project_name"))
                        .noneMatch(step -> step.startsWith("SEARCH secrets USING") && step.endsWith("(project=?)"));
            }
        }
    }

    private List<String> plan(String statement, int parameters) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
             PreparedStatement explain = connection.prepareStatement("EXPLAIN QUERY PLAN " + statement)) {
            for (int i = 1; i <= parameters; i++) {
                explain.setObject(i, "x");
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
