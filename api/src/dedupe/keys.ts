// The exact match keys of a record: composite strings such that two records match under the
// dedupe rule (match.ts) — with "similar names" taken as "the same name key" — exactly when they
// share at least one key. The Worker keeps a tenant's known companies as HMACs of these strings
// and drops any lead that shares one.
//
// STABILITY: the strings below, and every normaliser behind them (normalise.ts, and
// registrableDomain / platformUserPath in sites/identity.ts), are a storage format. Any change to
// what a key contains or how a field is normalised orphans the keys tenants have stored: bump
// MATCH_KEYS_VERSION and have the Worker rebuild known sets from the source rows (or keep both
// versions while they are rebuilt).
//
// Keys (v1), one per kind when its parts are present:
//   pid:<placeId>               the same Google place
//   ph+nm:<e164>|<name>         the same phone and the same name (core + branch)
//   ph+ad:<e164>|<address>      the same phone at the same building number
//   ad+nm:<address>|<name>      the same name at the same building number
//   site+ph:<siteId>|<e164>     the same site identity and the same phone
//   site+ad:<siteId>|<address>  the same site identity at the same building number
//   site+nm:<siteId>|<name>     the same name on the same user site of a shared host
//                               (ameblo.jp/x, instagram.com/x, x.jimdofree.com; never an own domain)
// where <e164> is never a weak phone (toll-free, navi-dial, premium, invalid), <name> is
// nameKeyString (so 渋谷店 and 新宿店 of a chain differ), <address> is AddressKey.key
// (municipality|town|block) and <siteId> is normaliseWebsite's siteId. Same domain alone never
// makes a key (branches of a chain share it), nor does an own domain with a name (branches
// written without their branch would meet).
import type { RecordInput } from './match.ts';
import { addressKey, nameKeyString, normaliseName, normalisePhone, normaliseWebsite, type PhoneKey, type SiteKey } from './normalise.ts';

export const MATCH_KEYS_VERSION = 1;

/** What the keys are made of, normalised. */
export interface KeyParts {
  placeId: string | null;
  /** nameKeyString of the name; null when the name has no core. */
  nameKey: string | null;
  /** AddressKey.key: to the building number. */
  addressKey: string | null;
  phone: PhoneKey | null;
  site: SiteKey | null;
}

/** A record's key parts. Blank fields give none: the normalisers see to that. */
export function keyParts(record: RecordInput): KeyParts {
  const name = record.name ? normaliseName(record.name) : null;
  const placeId = record.placeId ? record.placeId.trim() : '';
  return {
    placeId: placeId === '' ? null : placeId.startsWith('places/') ? placeId.slice(7) : placeId,
    nameKey: name && name.core !== '' ? nameKeyString(name) : null,
    addressKey: record.address ? addressKey(record.address) : null,
    phone: record.phone ? normalisePhone(record.phone) : null,
    site: record.website ? normaliseWebsite(record.website) : null,
  };
}

/** The keys of normalised parts. */
export function keysOf(parts: KeyParts): string[] {
  const keys: string[] = [];
  if (parts.placeId) keys.push(`pid:${parts.placeId}`);
  const phone = parts.phone && !parts.phone.weak ? parts.phone.e164 : null;
  const name = parts.nameKey;
  const address = parts.addressKey;
  const site = parts.site?.siteId ?? null;
  if (phone && name) keys.push(`ph+nm:${phone}|${name}`);
  if (phone && address) keys.push(`ph+ad:${phone}|${address}`);
  if (address && name) keys.push(`ad+nm:${address}|${name}`);
  if (site && phone) keys.push(`site+ph:${site}|${phone}`);
  if (site && address) keys.push(`site+ad:${site}|${address}`);
  if (site && name && parts.site?.userSite) keys.push(`site+nm:${site}|${name}`);
  return keys;
}

/** The composite exact keys of a record (see the list above); empty when nothing identifies it. */
export function matchKeys(record: RecordInput): string[] {
  return keysOf(keyParts(record));
}
