// When Tsugi first and last saw each place id on Maps.

/** Records a sweep's sightings and answers each id's first-seen date (YYYY-MM-DD). */
export async function recordSightings(db: D1Database, placeIds: string[], today: string): Promise<Map<string, string>> {
  if (placeIds.length === 0) return new Map();
  const ids = JSON.stringify(placeIds);
  const [, read] = await db.batch([
    db
      .prepare(
        `INSERT INTO place_sightings (place_id, first_seen, last_seen)
         SELECT value, ?2, ?2 FROM json_each(?1) WHERE true
         ON CONFLICT (place_id) DO UPDATE SET last_seen = excluded.last_seen`,
      )
      .bind(ids, today),
    db.prepare('SELECT place_id, first_seen FROM place_sightings WHERE place_id IN (SELECT value FROM json_each(?1))').bind(ids),
  ]);
  const rows = (read?.results ?? []) as { place_id: string; first_seen: string }[];
  return new Map(rows.map((row) => [row.place_id, row.first_seen]));
}
