-- Per-tenant rate limits in fixed windows: pulls per hour and per minute, paid Places requests per
-- minute. One row per tenant, bucket and window, counted up by one atomic statement per request
-- (Places requests are reserved in chunks). Times are epoch seconds; a row whose window has ended
-- is only history and is deleted by the nightly cron.
CREATE TABLE rate_limits (
  tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  bucket TEXT NOT NULL,
  window_start INTEGER NOT NULL,
  window_end INTEGER NOT NULL,
  used INTEGER NOT NULL,
  -- What the latest reservation of this row granted (so one statement can both grant and say how
  -- much it granted).
  granted INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, bucket, window_start)
) WITHOUT ROWID;
CREATE INDEX rate_limits_end ON rate_limits (window_end);
