-- The tenant's dedupe key set: HMAC-SHA-256 (per-tenant key) of the composite match keys of every
-- lead offered and every row the owner already had. Never the keys in clear. Keys of a lead in an
-- open batch carry its batch id, so an expired batch releases them with its leads.
CREATE TABLE tenant_keys (
  tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  key_hash TEXT NOT NULL,
  batch_id TEXT,
  PRIMARY KEY (tenant_id, key_hash)
) WITHOUT ROWID;
CREATE INDEX tenant_keys_batch ON tenant_keys (batch_id) WHERE batch_id IS NOT NULL;
