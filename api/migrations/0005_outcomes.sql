-- The owner's verdicts on their leads (成約 won / 失注 rejected + reason / 保留 held), sent by the
-- Sheets add-on. One row per lead = the owner's latest verdict: a lead rejected, revisited and then
-- won counts as won, and a late resend of an older verdict never overwrites a newer one. This is
-- the owner's own data (their tags and the segment attributes from their sheet), never Google's
-- place content; the insights engine reads it. `at` is the verdict's time as canonical ISO
-- (YYYY-MM-DDTHH:MM:SS.sssZ), so text order is time order. new_listing is 0/1/NULL.
CREATE TABLE outcomes (
  tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  lead_id TEXT NOT NULL,
  status TEXT NOT NULL,
  reason TEXT,
  at TEXT NOT NULL,
  employees INTEGER,
  industry TEXT,
  area TEXT,
  new_listing INTEGER,
  rating REAL,
  reviews INTEGER,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, lead_id)
) WITHOUT ROWID;
