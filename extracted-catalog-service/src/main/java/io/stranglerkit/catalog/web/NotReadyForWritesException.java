package io.stranglerkit.catalog.web;

/**
 * Writes wait until the forward sync has loaded the monolith's products once: before that, a new id
 * or sku could clash with a product the catalog has not seen yet.
 */
public class NotReadyForWritesException extends RuntimeException {

    public NotReadyForWritesException(String reason) {
        super(reason);
    }
}
