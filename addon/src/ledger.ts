// What the API has already been told, remembered in DocumentProperties as a set of short
// fingerprints: the owner's own rows sent to /v1/known, and the verdicts sent to /v1/outcomes
// (tags come from the sidebar and from the owner's edits of the ステータス dropdown; each refresh
// sends what the ledger has not seen, so both ways count once). Shards stay under the 9 KB value
// limit. Losing a ledger only means resending, which the API takes idempotently.
import type { Properties } from './apps-script.ts';

export type LedgerName = 'known' | 'outcomes';

const FINGERPRINT_LENGTH = 11;
const PER_SHARD = Math.floor(8000 / FINGERPRINT_LENGTH);
const shardKey = (name: LedgerName, shard: number) => `${name}.sent.${shard}`;
const countKey = (name: LedgerName) => `${name}.sent.shards`;

/** 53-bit string hash (cyrb53), base36, fixed width. */
export function fingerprint(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const hash = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return hash.toString(36).padStart(FINGERPRINT_LENGTH, '0');
}

export function readLedger(props: Properties, name: LedgerName): Set<string> {
  const shards = Number(props.getProperty(countKey(name))) || 0;
  const sent = new Set<string>();
  for (let shard = 0; shard < shards; shard++) {
    const text = props.getProperty(shardKey(name, shard)) ?? '';
    for (let at = 0; at + FINGERPRINT_LENGTH <= text.length; at += FINGERPRINT_LENGTH) sent.add(text.slice(at, at + FINGERPRINT_LENGTH));
  }
  return sent;
}

/** Stores the set if it differs from `previous` (what readLedger returned). */
export function writeLedger(props: Properties, name: LedgerName, prints: Set<string>, previous: Set<string>): void {
  if (prints.size === previous.size && [...prints].every((print) => previous.has(print))) return;
  const all = [...prints].sort();
  const before = Number(props.getProperty(countKey(name))) || 0;
  const shards = Math.ceil(all.length / PER_SHARD);
  for (let shard = 0; shard < shards; shard++) {
    props.setProperty(shardKey(name, shard), all.slice(shard * PER_SHARD, (shard + 1) * PER_SHARD).join(''));
  }
  for (let shard = shards; shard < before; shard++) props.deleteProperty(shardKey(name, shard));
  props.setProperty(countKey(name), String(shards));
}
