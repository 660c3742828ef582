package dev.donjon.server.store;

import dev.donjon.server.domain.LifecycleState;
import dev.donjon.server.domain.LocateQuery;
import dev.donjon.server.domain.NamePattern;
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
                        Optional.of("aes"), Optional.of(256), Optional.of("n"), 10, 0),
                new LocateQuery(Optional.empty(), Optional.empty(), none, Optional.empty(), Optional.empty(),
                        LocateQuery.Storage.ONLINE, 10, 0),
                new LocateQuery(Optional.of(SecretType.SYMMETRIC), Optional.empty(), none, Optional.empty(),
                        Optional.empty(), LocateQuery.Storage.DESTROYED, 10, 0),
                new LocateQuery(Optional.empty(), Optional.empty(), none, Optional.empty(),
                        Optional.of(NamePattern.wildcard("n*")), LocateQuery.Storage.ONLINE, 10, 0),
                new LocateQuery(Optional.empty(), Optional.empty(), none, Optional.empty(),
                        Optional.of(NamePattern.wildcard("n?x*")), LocateQuery.Storage.ANY, 10, 0));
    }

    @ParameterizedTest
    @MethodSource("queries")
    void locateNeverScansSecrets(LocateQuery query) throws Exception {
        JdbcManagedObjectRepository.LocateSql sql = JdbcManagedObjectRepository.LocateSql.of(new ProjectId("p"),
                query, Instant.parse("2030-01-01T00:00:00Z"));
        for (String statement : List.of(sql.countSql(), sql.pageSql())) {
            List<Object> parameters = new ArrayList<>(sql.parameters());
            if (statement == sql.pageSql()) {
                parameters.addAll(List.of(10, 0));
            }
            List<String> plan = plan(statement, parameters);
            assertThat(plan).as(statement).isNotEmpty().noneMatch(step -> step.matches("SCAN (secrets|object_names).*")
                    && !step.contains("USING"));
            if (query.name().isPresent()) {
                // Walking the whole project through another index and testing each row's name is a scan too.
                // A wild-card pattern is a range of the name indexes, by its literal prefix.
                assertThat(plan).as(statement).anyMatch(step -> step.contains("by_project_name"))
                        .noneMatch(step -> step.startsWith("SEARCH") && step.endsWith("(project=?)"));
            }
        }
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
