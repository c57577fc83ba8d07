// Which site a web address belongs to. The registrable domain comes from the Public Suffix List
// (tldts: www.x.co.jp ~ x.co.jp, and private suffixes such as *.jimdofree.com keep each user
// apart); on shared platforms where each user's site is a path (ameblo.jp/<id>), the path's first
// segment is part of the identity.
import { getDomain } from 'tldts';

/** Hosts where a user's site is the first path segment; links outside that path are the platform's. */
export const SHARED_PLATFORM_HOSTS: ReadonlySet<string> = new Set([
  'ameblo.jp', 'instagram.com', 'beauty.hotpepper.jp', 'hotpepper.jp', 'tabelog.com', 'note.com', 'facebook.com',
  'x.com', 'twitter.com', 'lit.link', 'peraichi.com', 'blog.livedoor.jp', 'line.me', 'fc2.com',
]);

const bareHost = (hostname: string) => hostname.toLowerCase().replace(/\.+$/, '').replace(/^www\./, '');

/** The registrable part of a host ("www.x.co.jp" → "x.co.jp"); IP literals stand for themselves. */
export function registrableDomain(hostname: string): string {
  const host = hostname.toLowerCase().replace(/\.+$/, '');
  if (host.startsWith('[') || /^[\d.]+$/.test(host)) return host;
  return getDomain(host, { allowPrivateDomains: true }) ?? host;
}

/** True when the host is a shared platform whose users' sites are paths. */
export const isSharedPlatform = (hostname: string): boolean => SHARED_PLATFORM_HOSTS.has(bareHost(hostname));

/** The user's path prefix on a shared platform ("/salon-hana/"), or null elsewhere. */
export function platformUserPrefix(url: URL): string | null {
  if (!isSharedPlatform(url.hostname)) return null;
  const first = url.pathname.split('/').find((segment) => segment !== '');
  return first ? `/${first}/` : null;
}

/**
 * The site a verdict or a dedupe key belongs to: the host without `www.`, plus the user's path
 * on shared platforms; null for what is not an http(s) address.
 */
export function siteKey(website: string): string | null {
  let url: URL;
  try {
    url = new URL(website);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const prefix = platformUserPrefix(url);
  const host = bareHost(url.hostname);
  return prefix ? `${host}${prefix.slice(0, -1).toLowerCase()}` : host;
}
