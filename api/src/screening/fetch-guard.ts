// Which URLs the site reader may fetch (SSRF guard). A company's website comes from Google Maps,
// i.e. from whoever edited the listing, and every redirect it answers with is chosen by its server:
// neither may point the reader at a private network, a cloud metadata endpoint or a local service.
//
// The check is on the URL's host as written: a Worker cannot resolve DNS itself, so a public name
// that resolves to a private address is not caught here. In the Worker that gap is closed by the
// platform (fetch() from a Cloudflare Worker goes out through Cloudflare's network and cannot reach
// private networks or the machine it runs on); this guard is defence in depth there, and it is what
// keeps the CLI's Node path (`allowPrivateHosts: false` for public inputs) from reaching loopback
// and RFC 1918 addresses written as IP literals or local names.
//
// WHATWG URL parsing already canonicalises the odd IPv4 spellings of http(s) hosts
// (http://2130706433/, http://0x7f.1/, http://0177.0.0.1/ all become 127.0.0.1) and compresses
// IPv6, so the checks below see one form per address.

export type FetchGuardCode = 'URL_SCHEME' | 'URL_PRIVATE';

export class FetchGuardError extends Error {
  readonly code: FetchGuardCode;
  constructor(code: FetchGuardCode, message: string) {
    super(message, { cause: { code } });
    this.name = 'FetchGuardError';
    this.code = code;
  }
}

export interface GuardOptions {
  /** Loopback and private hosts allowed (the CLI reading a local server). Schemes and credentials are checked regardless. */
  allowPrivateHosts: boolean;
}

// Local-only names: RFC 6761 (localhost), RFC 6762 (.local), RFC 8375 (home.arpa), and the
// conventions of cloud and corporate networks (.internal: metadata.google.internal, .lan, .intranet…).
const LOCAL_SUFFIXES = ['localhost', 'local', 'internal', 'home.arpa', 'localdomain', 'lan', 'intranet', 'corp', 'private'];

/** Throws FetchGuardError when the reader must not fetch `url`. */
export function checkTarget(url: URL, options: GuardOptions): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchGuardError('URL_SCHEME', `only http and https URLs are read, not ${url.protocol.replace(/:$/, '')}`);
  }
  // A site's public pages never need a password; one in the URL is a probe or a leak.
  if (url.username !== '' || url.password !== '') throw new FetchGuardError('URL_PRIVATE', 'URLs with credentials (user:password@) are not read');
  if (options.allowPrivateHosts) return;
  const reason = privateHostReason(url.hostname);
  if (reason) throw new FetchGuardError('URL_PRIVATE', `${url.hostname} is ${reason}; only public websites are read`);
}

/** Why `hostname` (as URL.hostname gives it) is not a public host, or null when it is. */
export function privateHostReason(hostname: string): string | null {
  const host = hostname.toLowerCase().replace(/\.+$/, '');
  if (host === '') return 'empty';
  if (host.startsWith('[') || host.includes(':')) {
    const words = parseIPv6(host.replace(/^\[|\]$/g, ''));
    return words ? ipv6Reason(words) : 'not a valid IPv6 address';
  }
  const v4 = parseIPv4(host);
  if (v4 !== null) return ipv4Reason(v4);
  // Names. A bare single label (http://intranet/, http://metadata/) resolves through the local
  // search domain, never on the public internet.
  if (!host.includes('.')) return host === 'localhost' ? 'loopback' : 'a single-label (local) name';
  for (const suffix of LOCAL_SUFFIXES) if (host === suffix || host.endsWith(`.${suffix}`)) return `a local name (.${suffix})`;
  // Every label numeric but not a valid address (http://1.2.3.4.5/): not a public name either.
  if (/^[0-9.]+$/.test(host)) return 'a malformed address';
  return null;
}

/** A dotted-quad IPv4 address as a 32-bit number, or null. (URL has canonicalised other forms.) */
export function parseIPv4(host: string): number | null {
  const parts = host.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    value = value * 256 + n;
  }
  return value;
}

// [network, prefix length, what it is]; IANA special-purpose registry, the ranges a request must not reach.
const IPV4_BLOCKED: ReadonlyArray<readonly [string, number, string]> = [
  ['0.0.0.0', 8, '"this network"'],
  ['10.0.0.0', 8, 'private (RFC 1918)'],
  ['100.64.0.0', 10, 'carrier-grade NAT (RFC 6598)'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local (cloud metadata)'],
  ['172.16.0.0', 12, 'private (RFC 1918)'],
  ['192.0.0.0', 24, 'IETF protocol assignments'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.88.99.0', 24, '6to4 relay anycast'],
  ['192.168.0.0', 16, 'private (RFC 1918)'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

function ipv4Reason(address: number): string | null {
  for (const [network, prefix, reason] of IPV4_BLOCKED) {
    const base = parseIPv4(network) as number;
    const size = 2 ** (32 - prefix);
    if (address >= base && address < base + size) return `${reason}`;
  }
  return null;
}

/** An IPv6 address as eight 16-bit words, or null. Accepts a trailing dotted IPv4 part. */
export function parseIPv6(text: string): number[] | null {
  let s = text.toLowerCase();
  const zone = s.indexOf('%');
  if (zone !== -1) s = s.slice(0, zone);
  let tail: number[] = [];
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    const v4 = parseIPv4(s.slice(lastColon + 1));
    if (v4 === null) return null;
    tail = [Math.floor(v4 / 65536), v4 % 65536];
    // "::ffff:1.2.3.4" → "::ffff" + tail; a trailing "::" stays ("::1.2.3.4").
    s = s.slice(0, lastColon + 1);
    if (s.endsWith(':') && !s.endsWith('::')) s = s.slice(0, -1);
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string): number[] | null => {
    if (part === '') return [];
    const out: number[] = [];
    for (const word of part.split(':')) {
      if (!/^[0-9a-f]{1,4}$/.test(word)) return null;
      out.push(parseInt(word, 16));
    }
    return out;
  };
  const head = parse(halves[0] ?? '');
  const rest = halves.length === 2 ? parse(halves[1] ?? '') : [];
  if (!head || !rest) return null;
  const known = head.length + rest.length + tail.length;
  if (halves.length === 2) {
    if (known > 7) return null;
    return [...head, ...new Array<number>(8 - known).fill(0), ...rest, ...tail];
  }
  return known === 8 ? [...head, ...tail] : null;
}

function ipv6Reason(w: number[]): string | null {
  const [a = 0, b = 0] = w;
  const embedded = (hi: number, lo: number) => ipv4Reason((w[hi] ?? 0) * 65536 + (w[lo] ?? 0));
  const zeros = (from: number, to: number) => w.slice(from, to).every((x) => x === 0);
  if (zeros(0, 8)) return 'the unspecified address';
  if (zeros(0, 7) && w[7] === 1) return 'loopback';
  // IPv4-mapped (::ffff:a.b.c.d) and the deprecated IPv4-compatible (::a.b.c.d): the IPv4 rules apply.
  if (zeros(0, 5) && w[5] === 0xffff) return embedded(6, 7) ?? null;
  if (zeros(0, 6)) return embedded(6, 7) ?? 'IPv4-compatible';
  // NAT64 (64:ff9b::/96, 64:ff9b:1::/48) and 6to4 (2002::/16) carry an IPv4 address inside.
  if (a === 0x64 && b === 0xff9b) return embedded(6, 7) ?? (w[2] === 1 ? 'local-use NAT64' : null);
  if (a === 0x2002) return embedded(1, 2);
  if ((a & 0xfe00) === 0xfc00) return 'unique local (fc00::/7)';
  if ((a & 0xffc0) === 0xfe80) return 'link-local';
  if ((a & 0xffc0) === 0xfec0) return 'site-local';
  if ((a & 0xff00) === 0xff00) return 'multicast';
  if (a === 0x2001 && b === 0x0db8) return 'documentation';
  if (a === 0x0100 && zeros(1, 4)) return 'discard-only';
  return null;
}
