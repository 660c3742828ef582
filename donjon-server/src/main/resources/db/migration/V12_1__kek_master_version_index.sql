-- The master key re-wrap job looks for KEKs wrapped by an older master key version.
CREATE INDEX project_keks_master_key_version ON project_keks (master_key_version);
