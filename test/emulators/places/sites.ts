// Company websites of the synthetic world: what each site is (pages, contact channel, a published
// refusal of sales contact or look-alike phrases that are not one, robots.txt, faults) and the
// ground truth a screener is measured against. Planning is pure data; ./site-pages.ts renders HTML.
import type { IndustryKey } from './industries.ts';
import type { Rng } from './random.ts';

export type SiteRole =
  | 'normal'
  | 'not_found' // every page answers 404
  | 'server_error' // every page answers 500
  | 'slow' // answers after Faults.siteLatencyMs
  | 'redirect' // the business links an old host that 301s to this one
  | 'long_redirect' // websiteUri goes through 7 redirects before the top page
  | 'redirect_loop' // websiteUri redirects back and forth forever
  | 'huge'; // the top page is larger than 2 MB

export type ContactKind = 'form' | 'external_form' | 'mailto' | 'text' | 'obfuscated' | 'image' | 'phone_only';

export interface RefusalPlan {
  /** The notice as plain text (what a reader sees). */
  text: string;
  /** How it is written into the HTML (split across tags, image alt, character references…). */
  variant: RefusalVariant;
  /** On every page's footer, or on the contact page only. */
  where: 'footer' | 'contact';
}

export type RefusalVariant = 'plain' | 'split' | 'image_alt' | 'full_width' | 'char_refs' | 'list_item' | 'definition';

export interface HardNegative {
  text: string;
  where: 'top' | 'contact' | 'company' | 'blog';
}

export interface SiteSpec {
  /** Canonical host (the one that serves pages). */
  host: string;
  scheme: 'https' | 'http';
  kind: 'own' | 'chain';
  industry: IndustryKey;
  /** Site title: the business name, or the brand of a chain. */
  title: string;
  /** Places linking to the site (branches of a chain, a business and its moved successor). */
  businessIds: string[];
  chainKey?: string;
  contactPath?: string;
  companyPath?: string;
  /** Present when a blog column is among the hard negatives. */
  blogPath?: string;
  extraPaths: string[];
  contact: ContactKind;
  /** Email shown on the contact channel (absent for forms-only and phone-only). */
  email?: string;
  /** How an obfuscated email is written: `info[at]example.jp`, `info＠example.jp`… */
  obfuscatedAs?: string;
  formAction?: string;
  externalFormUrl?: string;
  /** The email also appears as a mailto link in the footer of every page. */
  footerEmail: boolean;
  refusal?: RefusalPlan;
  hardNegatives: HardNegative[];
  robots: { present: boolean; disallow: string[] };
  role: SiteRole;
  /** Old hosts that 301 to this one (role `redirect`). */
  aliasHosts: string[];
  encoding: 'utf-8' | 'shift_jis';
}

/** What a screener should find for one place's website. */
export interface SiteTruth {
  placeId: string;
  websiteUri: string;
  host: string;
  kind: 'own' | 'chain' | 'platform';
  role: SiteRole;
  refuses: boolean;
  refusalUrl?: string;
  refusalText?: string;
  /** Addresses readable as text (mailto, plain, or obfuscated and decoded), lower-case ASCII. */
  emails: string[];
  /** The only email is an image. */
  imageOnlyEmail: boolean;
  /** Page with the contact channel (the top page when the site has no contact page). */
  contactUrl?: string;
  /** The form's page on the site, or the external form it links to. */
  contactFormUrl?: string;
  hardNegatives: string[];
  robotsDisallow: string[];
  /** Redirects between websiteUri and the first page (0 when it answers directly). */
  redirectHops: number;
  encoding: 'utf-8' | 'shift_jis';
}

export const REFUSAL_TEXTS: readonly string[] = [
  '営業電話はお断りしております。',
  'セールス・勧誘のお電話はご遠慮ください。',
  '営業目的のお問い合わせは受け付けておりません。',
  '売り込みのご連絡には対応いたしかねます。',
  'No solicitation.',
  '営業・勧誘目的でのお問い合わせフォームのご利用は固くお断りいたします。',
  '当社への営業メールはご遠慮願います。',
  '各種営業・セールスのお電話はお控えください。',
  '※営業のご連絡はお断りします',
  '飛び込み営業・訪問販売はお断りいたします。',
  '営業目的でのご連絡は固くお断りいたします。',
  'We do not accept sales calls or solicitations.',
  '広告・営業メールの送信を禁止します。',
  '弊社への営業・勧誘のご連絡はご遠慮くださいますようお願い申し上げます。',
  'ｾｰﾙｽ・勧誘のお電話はご遠慮ください。',
  '営業電話お断り',
];

const REFUSAL_VARIANTS: readonly RefusalVariant[] = ['plain', 'split', 'image_alt', 'full_width', 'char_refs', 'list_item', 'definition'];

/** Phrases with sales-ish words that are NOT refusals of sales contact. */
export const HARD_NEGATIVE_TEXTS: readonly string[] = [
  '営業日：月曜日〜土曜日（日曜・祝日は定休日）',
  '大阪営業所を開設いたしました。',
  '営業部直通ダイヤルはこちら',
  '営業職募集中！未経験歓迎',
  '貸切営業も承ります（20名様〜）',
  'ペット同伴はお断りしております。',
  '当日のキャンセルはお断りしております。',
  '弊社から営業電話をすることはありません。',
  'ご提案歓迎！お取引先様からのご連絡もお気軽にどうぞ。',
  '年末年始の営業についてのお知らせ',
  '深夜の営業は行っておりません。',
  '営業時間外のお電話はご遠慮ください。',
  '予約のないご来店はお断りする場合がございます。',
];

/** A blog column about refusing sales calls: quotes a refusal without being one. */
export const BLOG_COLUMN_TITLE = 'コラム：しつこい営業電話の上手な断り方';

const CONTACT_PATHS = ['/contact/', '/contact.html', '/inquiry.html', '/inquiry/', '/otoiawase/', '/form/', '/contact.php', '/contact'];
const COMPANY_PATHS = ['/company/', '/about', '/about/', '/company.html', '/gaiyou.html', '/profile/', '/corporate/'];
const EXTRA_PATHS = ['/menu/', '/staff/', '/access/', '/service/', '/news/', '/price.html', '/recruit/'];

export interface SitePlanInput {
  host: string;
  scheme: 'https' | 'http';
  kind: 'own' | 'chain';
  industry: IndustryKey;
  title: string;
  corporate: boolean;
  /** Email domain for the site's own addresses (the host without www). */
  emailDomain: string;
  /** Local part stem for a free-mail address of a sole proprietor. */
  freeMailStem: string;
  chainKey?: string;
}

/** Plans one site; every choice a screener is scored on is made here, none at render time. */
export function planSite(rng: Rng, input: SitePlanInput): SiteSpec {
  const contactPath = rng.chance(0.86) ? rng.pick(CONTACT_PATHS) : undefined;
  const companyPath = rng.chance(input.corporate ? 0.7 : 0.2) ? rng.pick(COMPANY_PATHS) : undefined;
  const extraPaths = rng.shuffle([...EXTRA_PATHS]).slice(0, rng.int(1, 4));

  const contact = rng.weighted<ContactKind>(
    ['form', 'external_form', 'mailto', 'text', 'obfuscated', 'image', 'phone_only'],
    [0.38, 0.12, 0.2, 0.1, 0.1, 0.05, 0.05],
  );
  const useFreeMail = !input.corporate && rng.chance(0.35);
  const local = rng.pick(['info', 'info', 'contact', 'mail', 'office', 'support', 'salon', 'reserve']);
  const email = useFreeMail ? `${input.freeMailStem}${rng.int(1, 99)}@${rng.pick(['gmail.com', 'yahoo.co.jp', 'icloud.com'])}` : `${local}@${input.emailDomain}`;
  const spec: SiteSpec = {
    host: input.host,
    scheme: input.scheme,
    kind: input.kind,
    industry: input.industry,
    title: input.title,
    businessIds: [],
    ...(input.chainKey ? { chainKey: input.chainKey } : {}),
    ...(contactPath ? { contactPath } : {}),
    ...(companyPath ? { companyPath } : {}),
    extraPaths,
    contact,
    footerEmail: false,
    hardNegatives: [],
    robots: { present: rng.chance(0.8), disallow: [] },
    role: 'normal',
    aliasHosts: [],
    encoding: 'utf-8',
  };
  if (contact !== 'phone_only' && contact !== 'form' && contact !== 'external_form') spec.email = email;
  if (contact === 'form') spec.formAction = rng.pick(['/contact/send.php', '/inquiry/confirm.php', '/form/submit', '/cgi-bin/mail.cgi', 'confirm.php']);
  if (contact === 'external_form') {
    spec.externalFormUrl = rng.chance(0.6)
      ? `https://docs.google.com/forms/d/e/1FAIpQL${rng.chars('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-', 50)}/viewform`
      : `https://form.run/@${input.freeMailStem}-${rng.chars('0123456789', 4)}`;
  }
  if (contact === 'obfuscated') {
    const [user, domain] = email.split('@') as [string, string];
    spec.obfuscatedAs = rng.pick([`${user}[at]${domain}`, `${user}＠${domain}`, `${user} (at) ${domain}`, `${user}★${domain}（★を@に変えてください）`, `${user}&#64;${domain}`]);
  }
  // Forms often come with a plain address in the footer too.
  if ((contact === 'form' || contact === 'mailto') && rng.chance(0.25)) {
    spec.footerEmail = true;
    spec.email = email;
  }

  if (spec.robots.present) {
    const r = rng.next();
    if (r < 0.08 && contactPath) spec.robots.disallow = [contactPath];
    else if (r < 0.11) spec.robots.disallow = ['/private/'];
    else if (r < 0.12) spec.robots.disallow = ['/'];
    else if (r < 0.5) spec.robots.disallow = ['/wp-admin/'];
  }

  if (rng.chance(0.08)) {
    spec.refusal = {
      text: rng.pick(REFUSAL_TEXTS),
      variant: rng.pick(REFUSAL_VARIANTS),
      where: contactPath && rng.chance(0.5) ? 'contact' : 'footer',
    };
  } else if (rng.chance(0.35)) {
    const count = rng.int(1, 3);
    for (let i = 0; i < count; i++) {
      if (rng.chance(0.2)) {
        spec.blogPath = `/blog/column-${rng.int(10, 99)}.html`;
        spec.hardNegatives.push({ text: BLOG_COLUMN_TITLE, where: 'top' });
        continue;
      }
      const where = rng.weighted<HardNegative['where']>(['top', 'contact', 'company'], [0.6, contactPath ? 0.25 : 0, companyPath ? 0.15 : 0]);
      spec.hardNegatives.push({ text: rng.pick(HARD_NEGATIVE_TEXTS), where });
    }
  }

  const role = rng.next();
  if (role < 0.01) spec.role = 'not_found';
  else if (role < 0.02) spec.role = 'server_error';
  else if (role < 0.045) spec.role = 'slow';
  else if (role < 0.065 && input.kind === 'own') spec.role = 'redirect';
  if (spec.role === 'not_found' || spec.role === 'server_error') delete spec.refusal;
  return spec;
}

/** Origin as the outside world sees it: `https://www.sora-hair.jp`. */
export function siteOrigin(spec: SiteSpec): string {
  return `${spec.scheme}://${spec.host}`;
}

/** Ground truth of a site as seen from one place linking to it. */
export function siteTruth(spec: SiteSpec, placeId: string, websiteUri: string): SiteTruth {
  const origin = siteOrigin(spec);
  const topUrl = `${origin}/`;
  const contactUrl = spec.contactPath ? `${origin}${spec.contactPath}` : topUrl;
  const reachable = spec.role !== 'not_found' && spec.role !== 'server_error' && spec.role !== 'redirect_loop';
  const emails = new Set<string>();
  if (reachable && spec.email && (spec.contact === 'mailto' || spec.contact === 'text' || spec.contact === 'obfuscated' || spec.footerEmail)) {
    emails.add(spec.email.toLowerCase());
  }
  let contactFormUrl: string | undefined;
  if (reachable && spec.contact === 'form') contactFormUrl = contactUrl;
  if (reachable && spec.contact === 'external_form') contactFormUrl = spec.externalFormUrl;
  const refusal = reachable ? spec.refusal : undefined;
  const redirectHops = spec.role === 'long_redirect' ? 7 : spec.role === 'redirect' ? spec.aliasHosts.length : 0;
  return {
    placeId,
    websiteUri,
    host: spec.host,
    kind: spec.kind,
    role: spec.role,
    refuses: refusal !== undefined,
    ...(refusal ? { refusalUrl: refusal.where === 'contact' ? contactUrl : topUrl, refusalText: refusal.text } : {}),
    emails: [...emails],
    imageOnlyEmail: reachable && spec.contact === 'image',
    ...(reachable ? { contactUrl } : {}),
    ...(contactFormUrl ? { contactFormUrl } : {}),
    hardNegatives: reachable ? spec.hardNegatives.map((h) => h.text) : [],
    robotsDisallow: spec.robots.present ? spec.robots.disallow : [],
    redirectHops,
    encoding: spec.encoding,
  };
}

/** Truth for a place whose website is on a shared platform (ameblo, jimdo, hotpepper, instagram…). */
export function platformTruth(placeId: string, websiteUri: string): SiteTruth {
  return {
    placeId,
    websiteUri,
    host: new URL(websiteUri).host,
    kind: 'platform',
    role: 'normal',
    refuses: false,
    emails: [],
    imageOnlyEmail: false,
    hardNegatives: [],
    robotsDisallow: [],
    redirectHops: 0,
    encoding: 'utf-8',
  };
}

/** Hosts whose pages belong to many unrelated businesses. */
export const PLATFORM_HOSTS: readonly string[] = [
  'ameblo.jp',
  'beauty.hotpepper.jp',
  'www.hotpepper.jp',
  'www.instagram.com',
  'tabelog.com',
];

export function isPlatformHost(host: string): boolean {
  return PLATFORM_HOSTS.includes(host) || host.endsWith('.jimdofree.com');
}
