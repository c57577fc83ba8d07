-- Rate limits are also kept for the whole deployment, not only per tenant: gBizINFO allows one
-- token about 6,000 requests per 10 minutes and then blocks it for 10 minutes, whichever tenants
-- the requests were for. `scope` is a tenant id or a shared scope ('*gbizinfo'); with no foreign
-- key, a deleted tenant's rows end with their windows (the nightly cron deletes ended windows).
CREATE TABLE rate_limits_scoped (
  scope TEXT NOT NULL,
  bucket TEXT NOT NULL,
  window_start INTEGER NOT NULL,
  window_end INTEGER NOT NULL,
  used INTEGER NOT NULL,
  granted INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (scope, bucket, window_start)
) WITHOUT ROWID;
INSERT INTO rate_limits_scoped (scope, bucket, window_start, window_end, used, granted)
  SELECT tenant_id, bucket, window_start, window_end, used, granted FROM rate_limits;
DROP TABLE rate_limits;
ALTER TABLE rate_limits_scoped RENAME TO rate_limits;
CREATE INDEX rate_limits_end ON rate_limits (window_end);
