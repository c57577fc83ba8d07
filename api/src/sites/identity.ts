// Which site a web address belongs to. The registrable domain comes from the Public Suffix List
// (tldts: www.x.co.jp ~ x.co.jp; the PSL's private section keeps *.wixsite.com, *.blogspot.com,
// *.hatenablog.com … users apart). Many Japanese site builders and blog hosts are missing from
// that section (jimdofree.com, wordpress.com, peraichi.com, amebaownd.com, fc2 blogs …): their
// user subdomains are kept apart here. On shared platforms where each user's site is a path
// (ameblo.jp/<id>, tabelog.com/<pref>/<area>/<sub>/<id>), that path is part of the identity.
import { parse } from 'tldts';

/** Hosts where a user's site is a path; links outside that path are the platform's. */
export const SHARED_PLATFORM_HOSTS: ReadonlySet<string> = new Set([
  'ameblo.jp', 'instagram.com', 'beauty.hotpepper.jp', 'hotpepper.jp', 'tabelog.com', 'note.com', 'facebook.com',
  'x.com', 'twitter.com', 'lit.link', 'peraichi.com', 'blog.livedoor.jp', 'line.me', 'fc2.com',
  'linktr.ee', 'sites.google.com', 'tiktok.com', 'youtube.com', 'threads.net', 'r.gnavi.co.jp', 'retty.me',
  'ekiten.jp', 'beauty.rakuten.co.jp', 'page.line.me',
]);

/**
 * Parents whose subdomains are one user's site each, and which the PSL bundled with tldts does
 * not list as private suffixes (checked with tldts 7.5: getDomain('a.jimdofree.com') is
 * 'jimdofree.com'). `www.<parent>` and the bare parent stay the platform's own site.
 */
export const USER_SUBDOMAIN_HOSTS: ReadonlySet<string> = new Set([
  'jimdofree.com', 'jimdo.com', 'jimdosite.com', 'wordpress.com', 'wpcomstaging.com', 'peraichi.com', 'amebaownd.com',
  'ownd.jp', 'themedia.jp', 'theblog.me', 'therestaurant.jp', 'studio.site', 'studio.design', 'thebase.in', 'shopinfo.jp',
  'localinfo.jp', 'storeinfo.jp', 'webnode.jp', 'goope.jp', 'crayonsite.net', 'crayonsite.com', 'seesaa.net', 'exblog.jp',
  'weebly.com', 'stores.jp', 'shop-pro.jp', 'ocnk.net', 'blog.fc2.com', 'web.fc2.com', 'fc2.net', 'blog.jp', 'livedoor.blog',
  'muragon.com', 'cocolog-nifty.com', 'jugem.jp', 'blog.shinobi.jp', 'ninja-web.net', 'xsrv.jp', 'lolipop.jp', 'cloudfree.jp',
  'strikingly.com', 'mystrikingly.com', 'canva.site', 'business.site', 'blogspot.jp', 'hamazo.tv', 'ti-da.net', 'naturum.ne.jp',
  'omisenomikata.jp', 'tsukaeru.jp', 'gmo-shop.com',
]);

/** Sub-hosts that mean the same platform (m.facebook.com is facebook.com). */
const MOBILE_PREFIX = /^(?:www|m|mobile|sp|touch)\./;

const bareHost = (hostname: string) => hostname.toLowerCase().replace(/\.+$/, '').replace(/^www\./, '');

const cleanHost = (hostname: string): string => {
  const host = hostname.toLowerCase();
  return host.endsWith('.') ? host.replace(/\.+$/, '') : host;
};

/** Options for hosts already extracted from a URL (tldts skips parsing and validating them). */
const HOSTNAME_ONLY = { allowPrivateDomains: true, extractHostname: false, validateHostname: false, detectIp: false, mixedInputs: false } as const;

/** The platform a host belongs to when it is a shared platform (m.facebook.com → facebook.com), else null. */
export function platformHost(hostname: string): string | null {
  const host = cleanHost(hostname);
  if (SHARED_PLATFORM_HOSTS.has(host)) return host;
  const dot = host.indexOf('.');
  if (dot < 0 || !MOBILE_PREFIX.test(host)) return null;
  const bare = host.slice(dot + 1);
  return SHARED_PLATFORM_HOSTS.has(bare) ? bare : null;
}

/**
 * The registrable part of a host ("www.x.co.jp" → "x.co.jp"); a user's subdomain on a site
 * builder stands for itself ("shop.jimdofree.com"); IP literals stand for themselves.
 */
export function registrableDomain(hostname: string): string {
  return hostSite(hostname).domain;
}

/**
 * registrableDomain and isUserSubdomain at once (one Public Suffix List lookup): the site a host
 * belongs to, and whether that site is one user's part of a shared host.
 */
export function hostSite(hostname: string): { domain: string; userSite: boolean } {
  const host = cleanHost(hostname);
  if (host.startsWith('[') || /^[\d.]+$/.test(host)) return { domain: host, userSite: false };
  const builder = userSubdomainSite(host);
  if (builder) return { domain: builder.site, userSite: builder.user };
  const parsed = parse(host, HOSTNAME_ONLY);
  return { domain: parsed.domain ?? host, userSite: parsed.isPrivate === true };
}

/**
 * Under a site builder's parent: the user's site (a.jimdofree.com, user: true), or the parent
 * itself for the builder's own site (www.jimdofree.com → jimdofree.com, user: false);
 * undefined elsewhere.
 */
function userSubdomainSite(host: string): { site: string; user: boolean } | undefined {
  // The parent is two or three labels long (jimdofree.com, blog.shinobi.jp): try the longest first.
  if (USER_SUBDOMAIN_HOSTS.has(host)) return { site: host, user: false };
  const last = host.lastIndexOf('.');
  const second = last > 0 ? host.lastIndexOf('.', last - 1) : -1;
  if (second < 0) return undefined;
  const third = host.lastIndexOf('.', second - 1);
  for (const start of third >= 0 ? [third, second] : [second]) {
    const parent = host.slice(start + 1);
    if (!USER_SUBDOMAIN_HOSTS.has(parent)) continue;
    const user = host.slice(host.lastIndexOf('.', start - 1) + 1, start);
    return user !== '' && user !== 'www' ? { site: `${user}.${parent}`, user: true } : { site: parent, user: false };
  }
  return undefined;
}

/**
 * True when the host is one user's site on a shared host: a subdomain of a site builder
 * (a.jimdofree.com) or of a private suffix of the PSL (a.wixsite.com, a.blogspot.com).
 */
export function isUserSubdomain(hostname: string): boolean {
  return hostSite(hostname).userSite;
}

/** True when the host is a shared platform whose users' sites are paths. */
export const isSharedPlatform = (hostname: string): boolean => platformHost(hostname) !== null;

/** Path segments that name a route rather than a user (line.me/R/ti/p/@id, facebook.com/pages/…). */
const ROUTE_SEGMENTS = new Set(['r', 'ti', 'p', 'pages', 'pg', 'people', 'view', 'site', 's', 'channel', 'c', 'user', 'users', 'u', 'landing_pages', 'shop', 'area']);

/**
 * The path of the user's site on a shared platform ("/salon-hana"), or null elsewhere and at the
 * platform's own pages. Usually the first segment; tabelog and retty nest the shop id under
 * area segments (/tokyo/A1303/A130301/13123456), route words are skipped (/R/ti/p/@abc).
 */
export function platformUserPath(url: URL): string | null {
  const host = platformHost(url.hostname);
  if (!host) return null;
  const segments = url.pathname.split('/').filter((segment) => segment !== '');
  if (segments.length === 0) return null;
  if (host === 'tabelog.com' || host === 'retty.me') {
    // Up to the first segment that is all digits (the shop id); area pages are the platform's.
    const id = segments.findIndex((segment) => /^\d+$/.test(segment));
    return id >= 0 && id <= 5 ? `/${segments.slice(0, id + 1).join('/')}` : null;
  }
  if (host === 'facebook.com' && segments[0] === 'profile.php') {
    const id = url.searchParams.get('id');
    return id ? `/profile.php?id=${id}` : null;
  }
  const taken: string[] = [];
  for (const segment of segments) {
    taken.push(segment);
    if (!ROUTE_SEGMENTS.has(segment.toLowerCase()) || taken.length >= 4) break;
  }
  return `/${taken.join('/')}`;
}

/** The user's path prefix on a shared platform ("/salon-hana/"), or null elsewhere. */
export function platformUserPrefix(url: URL): string | null {
  const path = platformUserPath(url);
  return path && !path.includes('?') ? `${path}/` : null;
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
  const path = platformUserPath(url);
  return path ? `${platformHost(url.hostname) ?? bareHost(url.hostname)}${path.toLowerCase()}` : bareHost(url.hostname);
}
