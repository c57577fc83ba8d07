-- 営業お断り screening. Verdicts are our own data derived from the companies' public websites:
-- kept with their evidence for 30 days (a failed read for a day, so it is retried soon).
CREATE TABLE site_screenings (
  site_key TEXT PRIMARY KEY,
  verdict TEXT NOT NULL CHECK (verdict IN ('refuses', 'clear', 'error')),
  evidence TEXT NOT NULL,
  emails TEXT NOT NULL,
  contact_form TEXT,
  checked_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX site_screenings_expiry ON site_screenings (expires_at);

-- Leads held back because their site was not screened yet (excludeRefusing): the lead carries
-- Google's place content, so it lives no longer than a batch would (until screened, at most a day).
CREATE TABLE held_leads (
  tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  place_id TEXT NOT NULL,
  site_key TEXT NOT NULL,
  lead TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, place_id)
) WITHOUT ROWID;
CREATE INDEX held_leads_site ON held_leads (site_key);
