-- GET /v1/insights computed once per change: the engine runs 1,000 permutations per field, tens to
-- hundreds of milliseconds of CPU for a few thousand verdicts, and every sheet refresh asks.
-- outcomes_version counts the writes of the tenant's verdicts; `key` is the version and profile
-- the cached body was computed from.
CREATE TABLE insights_cache (
  tenant_id TEXT PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
  outcomes_version INTEGER NOT NULL DEFAULT 0,
  key TEXT,
  body TEXT,
  computed_at TEXT
) WITHOUT ROWID;
