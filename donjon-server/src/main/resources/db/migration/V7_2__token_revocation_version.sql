-- Bumped by every token revocation, in the revocation's transaction: nodes poll this one row every few seconds and
-- drop their cache of verified tokens when it moved, so a revocation reaches every node within seconds.
CREATE TABLE token_revocations (
    id      INTEGER NOT NULL PRIMARY KEY,
    version BIGINT  NOT NULL
);
INSERT INTO token_revocations (id, version) VALUES (1, 0);
