package io.stranglerkit.shop.model;

import java.time.Instant;
import java.util.List;

public record Order(long id, long customerId, String status, Instant createdAt, List<OrderLine> lines) {
}
