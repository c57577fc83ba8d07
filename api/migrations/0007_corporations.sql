-- gBizINFO (open corporate data): the corporations found for leads, and which corporation (if
-- any) each place is, so a place is looked up about once a month.
CREATE TABLE corporations (
  corporate_number TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  location TEXT,
  employees INTEGER,
  capital_yen INTEGER,
  established_date TEXT,
  fetched_at TEXT NOT NULL
);

CREATE TABLE place_corporations (
  place_id TEXT PRIMARY KEY,
  -- NULL: looked up, no corporation matched.
  corporate_number TEXT,
  checked_at TEXT NOT NULL
);
