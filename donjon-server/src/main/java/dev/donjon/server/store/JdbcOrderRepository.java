package dev.donjon.server.store;

import dev.donjon.server.domain.barbican.ContainerId;
import dev.donjon.server.domain.barbican.Order;
import dev.donjon.server.domain.barbican.OrderId;
import dev.donjon.server.domain.port.OrderRepository;
import dev.donjon.server.domain.Page;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.barbican.SecretId;
import org.jdbi.v3.core.Handle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Orders; types and statuses are stored by their wire names, as secrets' are. */
final class JdbcOrderRepository implements OrderRepository {
    private static final String COLUMNS = "id, project, type, status, meta, secret_id, container_id, "
            + "error_status_code, error_reason, creator_id, created, updated";

    private final Handle handle;

    JdbcOrderRepository(Handle handle) {
        this.handle = handle;
    }

    @Override
    public void insert(Order order) {
        handle.createUpdate("INSERT INTO orders (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .bind(0, order.id().toString())
                .bind(1, order.project().value())
                .bind(2, order.type().wireName())
                .bind(3, order.status().name())
                .bind(4, order.requestedMeta())
                .bind(5, order.secretId() == null ? null : order.secretId().toString())
                .bind(6, order.containerId() == null ? null : order.containerId().toString())
                .bind(7, order.failure() == null ? null : order.failure().statusCode())
                .bind(8, order.failure() == null ? null : order.failure().reason())
                .bind(9, order.creatorId())
                .bind(10, EpochMicros.floor(order.created()))
                .bind(11, EpochMicros.floor(order.updated()))
                .execute();
    }

    @Override
    public Optional<Order> find(OrderId id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM orders WHERE id = ?")
                .bind(0, id.toString())
                .map((rs, ctx) -> row(rs))
                .findOne();
    }

    @Override
    public Page<Order> list(ProjectId project, int offset, int limit) {
        long total = handle.createQuery("SELECT COUNT(*) FROM orders WHERE project = ?")
                .bind(0, project.value()).mapTo(Long.class).one();
        if (total <= offset) {
            return new Page<>(List.of(), total);
        }
        List<Order> items = handle.createQuery("SELECT " + COLUMNS
                        + " FROM orders WHERE project = ? ORDER BY created, id LIMIT ? OFFSET ?")
                .bind(0, project.value())
                .bind(1, limit)
                .bind(2, offset)
                .map((rs, ctx) -> row(rs))
                .list();
        return new Page<>(items, total);
    }

    @Override
    public boolean delete(OrderId id) {
        return handle.createUpdate("DELETE FROM orders WHERE id = ?").bind(0, id.toString()).execute() == 1;
    }

    @Override
    public boolean update(Order order, Order.Status from) {
        return handle.createUpdate("UPDATE orders SET status = ?, secret_id = ?, container_id = ?, "
                        + "error_status_code = ?, error_reason = ?, updated = ? WHERE id = ? AND status = ?")
                .bind(0, order.status().name())
                .bind(1, order.secretId() == null ? null : order.secretId().toString())
                .bind(2, order.containerId() == null ? null : order.containerId().toString())
                .bind(3, order.failure() == null ? null : order.failure().statusCode())
                .bind(4, order.failure() == null ? null : order.failure().reason())
                .bind(5, EpochMicros.floor(order.updated()))
                .bind(6, order.id().toString())
                .bind(7, from.name())
                .execute() == 1;
    }

    private static Order row(ResultSet rs) throws SQLException {
        String type = rs.getString("type");
        String secretId = rs.getString("secret_id");
        String containerId = rs.getString("container_id");
        String errorCode = rs.getString("error_status_code");
        return new Order(
                new OrderId(UUID.fromString(rs.getString("id"))),
                new ProjectId(rs.getString("project")),
                Order.Type.fromWire(type)
                        .orElseThrow(() -> new IllegalStateException("unknown order type in the store: " + type)),
                Order.Status.valueOf(rs.getString("status")),
                rs.getString("meta"),
                secretId == null ? null : new SecretId(UUID.fromString(secretId)),
                containerId == null ? null : new ContainerId(UUID.fromString(containerId)),
                errorCode == null ? null : new Order.Failure(errorCode, rs.getString("error_reason")),
                rs.getString("creator_id"),
                EpochMicros.toInstant(rs.getLong("created")),
                EpochMicros.toInstant(rs.getLong("updated")));
    }
}
