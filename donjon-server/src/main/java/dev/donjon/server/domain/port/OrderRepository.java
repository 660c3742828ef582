package dev.donjon.server.domain.port;

import dev.donjon.server.domain.Page;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.barbican.Order;
import dev.donjon.server.domain.barbican.OrderId;
import java.util.Optional;

public interface OrderRepository {
    void insert(Order order);

    /** An order of any project; callers decide what the caller may see. */
    Optional<Order> find(OrderId id);

    /** The project's orders, oldest first. */
    Page<Order> list(ProjectId project, int offset, int limit);

    boolean delete(OrderId id);

    /**
     * Stores the order's new status and outcome if it is still in {@code from}.
     *
     * @return {@code false} if the order is gone or no longer in {@code from}
     */
    boolean update(Order order, Order.Status from);
}
