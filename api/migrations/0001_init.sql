-- Tenants, profiles, pull batches and what each tenant was offered.
-- Google's place content (names, addresses, phones) lives only in batch_leads, and only until the
-- batch is acknowledged or expires; place ids may be kept indefinitely.

CREATE TABLE tenants (
  id TEXT PRIMARY KEY,
  -- SHA-256 of the sheet secret; the secret itself is never stored.
  secret_hash TEXT NOT NULL UNIQUE,
  -- The tenant's HMAC key for dedupe keys (base64url), so its key set is never in clear.
  dedupe_secret TEXT NOT NULL,
  created_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE profiles (
  tenant_id TEXT PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
  profile TEXT NOT NULL,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE batches (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  state TEXT NOT NULL CHECK (state IN ('open', 'acked', 'expired')),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  acked_at TEXT,
  served INTEGER NOT NULL DEFAULT 1,
  status TEXT NOT NULL
) WITHOUT ROWID;
-- At most one open batch per tenant: a concurrent pull that loses this race serves the winner's.
CREATE UNIQUE INDEX batches_one_open ON batches (tenant_id) WHERE state = 'open';
CREATE INDEX batches_open_expiry ON batches (expires_at) WHERE state = 'open';

CREATE TABLE batch_leads (
  batch_id TEXT NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  lead TEXT NOT NULL,
  PRIMARY KEY (batch_id, position)
) WITHOUT ROWID;

-- One row per place a tenant has been offered (or has reserved in an open batch): the primary key
-- is what makes "never the same lead twice" hold even under concurrent pulls. 'skipped': the
-- profile rejected the place after its details were paid for; not paid for again until the
-- profile changes. 'held': waiting for its website to be screened (see held_leads).
CREATE TABLE offers (
  tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  place_id TEXT NOT NULL,
  batch_id TEXT,
  state TEXT NOT NULL CHECK (state IN ('reserved', 'offered', 'skipped', 'held')),
  PRIMARY KEY (tenant_id, place_id)
) WITHOUT ROWID;
CREATE INDEX offers_batch ON offers (batch_id);

-- Paid Places requests per tenant, day and SKU.
CREATE TABLE places_usage (
  tenant_id TEXT NOT NULL,
  day TEXT NOT NULL,
  sku TEXT NOT NULL,
  requests INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, day, sku)
) WITHOUT ROWID;
