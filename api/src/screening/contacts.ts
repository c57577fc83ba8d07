// Contact details a company publishes on a page: its email addresses (mailto links, plain text and
// the usual anti-spam spellings) and its contact form. They become the lead's メール and
// 問い合わせフォーム columns. Pure: takes a parsed page, returns data.
//
// Decisions:
// - An address shown only as an image (or only in an image's alt text) is not collected: the site
//   chose not to publish it as text, and alt text is a description, not an address.
// - A contact form is reported as the URL of the page that holds it (where a person fills it in),
//   not its action (a script that answers POSTs, often a confirm step).
import type { ParsedPage } from './page.ts';
import { normalizeText } from './page.ts';

export interface Contacts {
  /** Lower-case addresses in the order the page shows them, deduplicated. */
  emails: string[];
  /** The page's own URL when it holds a message form, then external form services it links to. */
  contactForms: string[];
}

export function extractContacts(page: ParsedPage, pageUrl: string): Contacts {
  const emails = new Set<string>();
  const add = (candidate: string) => {
    const email = validEmail(candidate);
    if (email) emails.add(email);
  };

  for (const link of page.links) {
    const href = link.href.trim();
    if (!/^mailto:/i.test(href)) continue;
    // mailto:a@x.jp,b@x.jp?subject=… — the query is the subject/body, not an address.
    const list = href.slice('mailto:'.length).split('?')[0] ?? '';
    for (const part of safeDecode(list).split(/[,;]/)) add(part.trim());
  }

  for (const block of textBlocks(page)) for (const found of emailsInText(block)) add(found);

  return { emails: [...emails], contactForms: contactForms(page, pageUrl) };
}

/** The page's blocks without those that are only an image's alt text. */
function textBlocks(page: ParsedPage): string[] {
  const alts = new Map<string, number>();
  for (const image of page.images) {
    const alt = normalizeText(image.alt);
    if (alt !== '') alts.set(alt, (alts.get(alt) ?? 0) + 1);
  }
  const out: string[] = [];
  for (const block of page.blocks) {
    const left = alts.get(block) ?? 0;
    // parsePage emits each alt as a block of its own; the same words as text count as text.
    if (left > 0) alts.set(block, left - 1);
    else out.push(block);
  }
  return out;
}

const LOCAL = "[a-z0-9](?:[a-z0-9._%+'-]{0,63})";
const DOMAIN = '(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,24}';
const EMAIL = new RegExp(`(?<![a-z0-9._%+'-])${LOCAL}@${DOMAIN}(?![a-z0-9-])`, 'gi');

// Words that are not a local part when "x at y.jp" is read as an address ("visit us at x.jp").
const AT_STOP_WORDS = new Set(['us', 'me', 'at', 'is', 'are', 'be', 'look', 'visit', 'find', 'found', 'buy', 'available', 'online', 'located', 'here', 'more', 'details', 'site', 'website', 'page', 'blog', 'only', 'open', 'now', 'today', 'them', 'it']);

/** Addresses in one block of visible text, with anti-spam spellings undone. */
export function emailsInText(text: string): string[] {
  // Most blocks hold no address in any spelling: skip them before the regexes (big pages have 20k blocks).
  if (!/[@＠]|at|ａｔ|アット|あっと/i.test(text)) return [];
  let s = normalizeText(text); // ＠ → @, full-width letters → ASCII, character references already decoded
  // "info★example.jp（★を@に変えてください）": the site says which symbol stands for @.
  // Only a symbol qualifies (★ ● ◆ ＊), never a letter, digit or kana.
  for (const m of s.matchAll(/([^\p{L}\p{N}\s@])[」』"']?\s*を\s*(?:半角の?)?\s*[「『"']?@[」』"']?\s*(?:に|へ)/gu)) {
    const symbol = m[1];
    if (symbol) s = s.split(symbol).join('@');
  }
  s = s
    .replace(/\s*[[({<]\s*(?:at|アット|あっと)\s*[\])}>]\s*/gi, '@')
    .replace(/\s*(?:アットマーク|あっとまーく)\s*/g, '@')
    .replace(/\s*[[({<]\s*(?:dot|ドット)\s*[\])}>]\s*/gi, '.')
    .replace(/(?<=[a-z0-9])\s+dot\s+(?=[a-z0-9])/gi, '.');
  // "info at example.co.jp": only when the word before "at" could be a mailbox.
  s = s.replace(new RegExp(`(?<![a-z0-9._%+-])(${LOCAL})\\s+at\\s+(${DOMAIN})(?![a-z0-9-])`, 'gi'), (whole, local: string, domain: string) =>
    AT_STOP_WORDS.has(local.toLowerCase()) || /^www\./i.test(domain) ? whole : `${local}@${domain}`,
  );
  return [...s.matchAll(EMAIL)].map((m) => m[0]);
}

// Domains that show up in pages without being the company's address: documentation and test
// names, error-tracking DSNs, site builders' own addresses.
const NOISE_DOMAINS = ['sentry.io', 'sentry-next.wixpress.com', 'wixpress.com', 'sentry.wixpress.com', 'domain.com', 'yourdomain.com', 'mail.com.example'];
const NOISE_LOCALS = new Set(['xxx', 'xxxx', 'xxxxx', 'your', 'yourname', 'your-email', 'youremail', 'name', 'user', 'username', 'sample', 'dummy', 'someone', 'abc', 'hoge', 'foo']);
const FILE_TLDS = new Set(['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'bmp', 'ico', 'avif', 'css', 'js', 'json', 'pdf', 'html', 'htm', 'php', 'webm', 'mp4']);

/** The address lower-cased when it is plausibly a real, published one; null otherwise. */
export function validEmail(candidate: string): string | null {
  const email = candidate.normalize('NFKC').trim().toLowerCase();
  if (!new RegExp(`^${LOCAL}@${DOMAIN}$`, 'i').test(email) || email.length > 254) return null;
  const [local = '', domain = ''] = email.split('@');
  if (local.includes('..') || local.endsWith('.')) return null;
  const labels = domain.split('.');
  const tld = labels[labels.length - 1] ?? '';
  // logo@2x.png and friends: a retina image name, not an address.
  if (FILE_TLDS.has(tld)) return null;
  if (['example', 'test', 'invalid', 'localhost', 'local'].includes(tld)) return null;
  // example.com / example.co.jp / example.jp (RFC 2606, JPRS reserved names) and their subdomains.
  if (labels.includes('example')) return null;
  if (NOISE_DOMAINS.some((noise) => domain === noise || domain.endsWith(`.${noise}`))) return null;
  if (NOISE_LOCALS.has(local)) return null;
  // Error-tracking DSNs and hashed ids: a long hex run is no mailbox a company publishes.
  if (/^[0-9a-f]{24,}$/.test(local)) return null;
  return email;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

// Hosted form services: a link to one of these is the company's contact form.
const FORM_SERVICES: ReadonlyArray<{ host: RegExp; path?: RegExp }> = [
  { host: /^docs\.google\.com$/, path: /^\/forms\// },
  { host: /^forms\.gle$/ },
  { host: /^(?:www\.)?form\.run$/ },
  { host: /^(?:www\.)?formrun\.(?:jp|com)$/ },
  { host: /^tayori\.com$/, path: /^\/(?:form|f)\// },
  { host: /^(?:share\.)?hsforms\.com$/ },
  { host: /^forms\.(?:office|microsoft)\.com$/ },
  { host: /^(?:form\.|www\.)?jotform\.com$/ },
  { host: /^[a-z0-9-]+\.typeform\.com$/, path: /^\/to\// },
  { host: /^ws\.formzu\.net$/ },
  { host: /^form\.kintoneapp\.com$/ },
  { host: /^(?:[a-z0-9-]+\.)?form-mailer\.jp$/ },
  { host: /^(?:www\.)?mailform\.jp$/ },
];

/** Whether `url` is a form on a hosted form service. */
export function isFormServiceUrl(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  return FORM_SERVICES.some((service) => service.host.test(host) && (!service.path || service.path.test(url.pathname)));
}

// Labels of a field for a free-text message, as contact forms word them.
const MESSAGE_LABELS = /お問い?合わ?せ内容|問合せ内容|ご用件|ご相談内容|ご質問内容|ご依頼内容|ご要望|ご意見|メッセージ|本文|内容を?ご?(?:記入|入力)|\bmessage\b|\binquiry\b|\benquiry\b|\bcomments?\b|\byour question\b/i;
const CONTACT_WORDS = /お問い?合わ?せ|問合せ|contact|inquiry|enquiry|otoiawase|toiawase/i;
const SEARCH_FORM = /search|\?s=|\/s\/?$|kensaku|検索/i;

function contactForms(page: ParsedPage, pageUrl: string): string[] {
  const out: string[] = [];
  // A form that is not a site search, on a page that asks for a message (or is the contact page).
  const forms = page.forms.filter((form) => !SEARCH_FORM.test(form.action ?? ''));
  if (forms.length > 0) {
    const asksForMessage = page.blocks.some((block) => MESSAGE_LABELS.test(block));
    let isContactPage = CONTACT_WORDS.test(page.title);
    try {
      isContactPage ||= CONTACT_WORDS.test(decodeURIComponent(new URL(pageUrl).pathname));
    } catch {
      // an unparsable page URL only loses this hint
    }
    const posts = forms.some((form) => form.method === 'post');
    if (asksForMessage || (isContactPage && posts)) out.push(pageUrl);
  }
  for (const link of page.links) {
    let url: URL;
    try {
      url = new URL(link.href.trim(), pageUrl);
    } catch {
      continue;
    }
    if ((url.protocol === 'https:' || url.protocol === 'http:') && isFormServiceUrl(url)) {
      url.hash = '';
      if (!out.includes(url.href)) out.push(url.href);
    }
  }
  return out;
}
