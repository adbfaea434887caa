# docker-compose only: the official MariaDB image runs this after kit-databases.sql (alphabetical
# order, sourced, so docker_process_sql is at hand) at the first start of an empty volume. It gives
# each account the password from .env (./kit compose-env) instead of the development default.
# kit up does not run it: its MariaDB listens on 127.0.0.1 only and keeps the defaults.
docker_process_sql <<SQL
ALTER USER 'shop'@'%' IDENTIFIED BY '${SHOP_DB_PASSWORD}';
ALTER USER 'search'@'%' IDENTIFIED BY '${SEARCH_DB_PASSWORD}';
ALTER USER 'catalog'@'%' IDENTIFIED BY '${CATALOG_DB_PASSWORD}';
ALTER USER 'catalog_sync'@'%' IDENTIFIED BY '${CATALOG_SYNC_DB_PASSWORD}';
ALTER USER 'cdc'@'%' IDENTIFIED BY '${CDC_DB_PASSWORD}';
ALTER USER 'kit'@'localhost' IDENTIFIED BY '${KIT_DB_PASSWORD}';
ALTER USER 'kit'@'127.0.0.1' IDENTIFIED BY '${KIT_DB_PASSWORD}';
FLUSH PRIVILEGES;
SQL
