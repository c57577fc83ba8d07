-- Discovery state: area rectangles, the adaptive tiling of each query, and per-query sightings.
-- A query is one area × one industry (a Places type or a keyword); its sweeps are shared by every
-- tenant asking it. Only place ids and geometry are stored, never Google's place content.

CREATE TABLE areas (
  name TEXT PRIMARY KEY,
  rect TEXT NOT NULL,
  resolved_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE queries (
  query_key TEXT PRIMARY KEY,
  area TEXT NOT NULL,
  text_query TEXT NOT NULL,
  included_type TEXT,
  -- Number of the latest sweep begun, and whether every cell of it was swept.
  sweep INTEGER NOT NULL DEFAULT 0,
  sweep_day TEXT,
  sweep_complete INTEGER NOT NULL DEFAULT 0,
  -- The largest measured chance that one sweep misses a live place (results jitter), or NULL.
  miss_rate REAL,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE cells (
  query_key TEXT NOT NULL REFERENCES queries(query_key) ON DELETE CASCADE,
  cell_key TEXT NOT NULL,
  rect TEXT NOT NULL,
  -- 1 when the cell reached the 60-result cap and was split into four.
  split INTEGER NOT NULL DEFAULT 0,
  place_count INTEGER NOT NULL DEFAULT 0,
  complete_sweeps INTEGER NOT NULL DEFAULT 0,
  last_sweep INTEGER NOT NULL DEFAULT 0,
  last_swept_at TEXT,
  PRIMARY KEY (query_key, cell_key)
) WITHOUT ROWID;

CREATE TABLE sightings (
  query_key TEXT NOT NULL REFERENCES queries(query_key) ON DELETE CASCADE,
  place_id TEXT NOT NULL,
  cell_key TEXT NOT NULL,
  first_sweep INTEGER NOT NULL,
  last_sweep INTEGER NOT NULL,
  sightings INTEGER NOT NULL DEFAULT 1,
  -- Complete sweeps of the place's cell before the sweep that first saw it (0 = baseline).
  prior_complete_sweeps INTEGER NOT NULL,
  -- Sweeps of the place's cell that ran since its last sighting without seeing it.
  misses INTEGER NOT NULL DEFAULT 0,
  first_seen TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  PRIMARY KEY (query_key, place_id)
) WITHOUT ROWID;
CREATE INDEX sightings_cell ON sightings (query_key, cell_key);
