// The tenant's search profile, stored as the validated JSON document.
import { SearchProfile } from '../../../shared/contract.ts';

export async function getProfile(db: D1Database, tenantId: string): Promise<SearchProfile | null> {
  const row = await db
    .prepare('SELECT profile FROM profiles WHERE tenant_id = ?1')
    .bind(tenantId)
    .first<{ profile: string }>();
  return row ? SearchProfile.parse(JSON.parse(row.profile)) : null;
}

export async function putProfile(db: D1Database, tenantId: string, profile: SearchProfile, now: Date): Promise<void> {
  await db
    .prepare(
      `INSERT INTO profiles (tenant_id, profile, updated_at) VALUES (?1, ?2, ?3)
       ON CONFLICT (tenant_id) DO UPDATE SET profile = excluded.profile, updated_at = excluded.updated_at`,
    )
    .bind(tenantId, JSON.stringify(profile), now.toISOString())
    .run();
}
