-- Leases granted by KMIP Obtain Lease, per object and client: once a client's lease has run out, the server refuses
-- that client's Get, Export and uses of the object until it obtains a new one (domain.port.ObjectLeaseRepository).
CREATE TABLE object_leases (
    secret_id TEXT   NOT NULL REFERENCES secrets (id) ON DELETE CASCADE,
    client    TEXT   NOT NULL,
    expires   BIGINT NOT NULL,
    PRIMARY KEY (secret_id, client)
);
