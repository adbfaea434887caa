-- The catalog's own model. It is not a copy of the shop's tables: prices are decimals, deleted
-- products stay as tombstones (so a late change from the monolith cannot bring them back), and
-- every product says which side wrote its current state. The translation from and to the shop's
-- tables lives in sync/LegacyShopTranslation (here) and in the cdc-bridge's reverse sync.

-- Categories are still owned by the monolith: this is a copy, fed by the change stream and kept in
-- binlog order (source_*), with a marker row for deleted ones.
CREATE TABLE category (
    id          BIGINT       NOT NULL PRIMARY KEY,
    name        VARCHAR(100) NOT NULL,
    parent_id   BIGINT       NULL,
    deleted     BOOLEAN      NOT NULL DEFAULT FALSE,
    source_file VARCHAR(64)  NOT NULL,
    source_pos  BIGINT       NOT NULL,
    source_row  INT          NOT NULL
) ENGINE = InnoDB;

CREATE TABLE product (
    id          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    -- NULL once deleted, so a new product may use the sku again, as in the monolith.
    sku         VARCHAR(40)   NULL,
    name        VARCHAR(200)  NOT NULL,
    description VARCHAR(2000) NOT NULL DEFAULT '',
    price       DECIMAL(10,2) NOT NULL,
    category_id BIGINT        NOT NULL,
    version     BIGINT        NOT NULL DEFAULT 0,
    updated_at  TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    deleted_at  TIMESTAMP(3)  NULL,
    -- 'catalog': written through this service's API; 'monolith': copied from the shop by the forward
    -- sync. The reverse sync skips 'monolith' rows: that is what stops a change echoing back.
    written_by  VARCHAR(16)   NOT NULL,
    -- Binlog position of the shop change a 'monolith' row copies (orders equal versions).
    source_file VARCHAR(64)   NULL,
    source_pos  BIGINT        NULL,
    source_row  INT           NULL,
    CONSTRAINT uk_product_sku UNIQUE (sku),
    CONSTRAINT ck_product_price CHECK (price >= 0),
    CONSTRAINT ck_product_written_by CHECK (written_by IN ('catalog', 'monolith')),
    KEY ix_product_category (category_id, id)
) ENGINE = InnoDB;

-- Which products the monolith's orders point at: a product with order lines cannot be deleted,
-- here as in the monolith. Fed from the shop's order_line changes.
CREATE TABLE order_reference (
    order_id   BIGINT NOT NULL,
    product_id BIGINT NOT NULL,
    PRIMARY KEY (order_id, product_id),
    KEY ix_order_reference_product (product_id)
) ENGINE = InnoDB;

-- Switches that must survive a restart (forward_sync: on|off).
CREATE TABLE sync_setting (
    name  VARCHAR(64)  NOT NULL PRIMARY KEY,
    value VARCHAR(255) NOT NULL
) ENGINE = InnoDB;
