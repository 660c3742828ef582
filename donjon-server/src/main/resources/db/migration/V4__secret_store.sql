-- Which secret store (Keystore backend, as /v1/secret-stores shows it by its plugin name) holds a secret's key
-- material. Every secret so far was sealed under the software master keystore, the only backend until PKCS#11.
-- Internal: Barbican shows no store on a secret, even in multi-store mode.
ALTER TABLE secrets ADD COLUMN secret_store TEXT NOT NULL DEFAULT 'software';
