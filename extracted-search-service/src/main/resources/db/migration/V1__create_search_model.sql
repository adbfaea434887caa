-- The search read model: one denormalised row per product with what a search answer shows, fed only
-- by the change topics. Each row keeps the binlog position of the change it reflects, so an older
-- or repeated change is recognised and skipped ("newer position wins").
-- A deleted product keeps its row with deleted = 1: a late, older change cannot bring it back.

CREATE TABLE category (
    id          BIGINT       NOT NULL PRIMARY KEY,
    name        VARCHAR(100) NOT NULL,
    deleted     BOOLEAN      NOT NULL DEFAULT FALSE,
    binlog_file BIGINT       NOT NULL,
    binlog_pos  BIGINT       NOT NULL,
    binlog_row  INT          NOT NULL
) ENGINE = InnoDB;

CREATE TABLE product_doc (
    id            BIGINT        NOT NULL PRIMARY KEY,
    sku           VARCHAR(40)   NOT NULL,
    name          VARCHAR(200)  NOT NULL,
    description   VARCHAR(2000) NOT NULL,
    price_cents   BIGINT        NOT NULL,
    category_id   BIGINT        NOT NULL,
    -- copied from `category` and rewritten when a category is renamed
    category_name VARCHAR(100)  NULL,
    version       BIGINT        NOT NULL,
    deleted       BOOLEAN       NOT NULL DEFAULT FALSE,
    binlog_file   BIGINT        NOT NULL,
    binlog_pos    BIGINT        NOT NULL,
    binlog_row    INT           NOT NULL,
    applied_at    TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    KEY ix_product_doc_category (category_id)
) ENGINE = InnoDB;
