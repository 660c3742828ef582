package dev.donjon.server.domain;

import java.util.Optional;

public interface OrderRepository {
    void insert(Order order);

    /** An order of any project; callers decide what the caller may see. */
    Optional<Order> find(OrderId id);

    /** The project's orders, oldest first. */
    Page<Order> list(ProjectId project, int offset, int limit);

    boolean delete(OrderId id);
}
