-- Names this read model. The search index on disk records the name of the model it was built from, so
-- an index left over from another database (a reset kit, a test's other schema) is never opened as
-- this one's: it is rebuilt from these tables instead.
CREATE TABLE model_identity (
    id CHAR(36) NOT NULL PRIMARY KEY
) ENGINE = InnoDB;

INSERT INTO model_identity (id) VALUES (UUID());
