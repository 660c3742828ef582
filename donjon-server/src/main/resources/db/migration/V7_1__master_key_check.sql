-- One key check value per master key version: random bytes wrapped by that version. A node unwraps them at start, so
-- that a wrong or missing master key is refused before anything is written under it.
CREATE TABLE master_key_checks (
    version INTEGER   NOT NULL PRIMARY KEY,
    wrapped ${binary} NOT NULL,
    created BIGINT    NOT NULL
);
