-- Binlog positions compare by the file's number (binlog.000015 -> 15), then position, then row: the one
-- order every consumer of the kit uses (kit-platform's BinlogPosition). The file is kept as that number,
-- as the search service keeps it, so no string comparison can put binlog.1000000 before binlog.999999.
UPDATE category SET source_file = SUBSTRING_INDEX(source_file, '.', -1);
ALTER TABLE category MODIFY source_file BIGINT NOT NULL;
UPDATE product SET source_file = SUBSTRING_INDEX(source_file, '.', -1) WHERE source_file IS NOT NULL;
ALTER TABLE product MODIFY source_file BIGINT NULL;
