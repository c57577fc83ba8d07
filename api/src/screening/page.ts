// One parse of a fetched HTML page, shared by the refusal detector (detect.ts) and the site reader
// (reader.ts, contacts.ts): the text a visitor reads, block by block, plus links, forms and images.
// Pure and web-standard (htmlparser2's streaming tokenizer, no DOM): it runs on every page of
// every site, so it builds no tree and normalises each block once.
//
// What counts as read:
// - Text in <body> (and stray text outside <head>), across inline tags, with character references
//   decoded. Each block element (p, li, td, dt/dd, div, h1–h6, section, footer…) and each <br>
//   ends a block; an image's alt text (also <area> and <input type=image>) is a block of its own.
// - Not read: <script>, <style>, <template> (inert until a script clones it), <head> apart from
//   <title>, comments, <svg>/<math> (icons, nearly never prose), <iframe>/<object> fallbacks,
//   ruby annotations (<rt>, <rp>: 営業<rt>えいぎょう</rt> must read as 営業), <textarea> content.
// - Read on purpose: <noscript> (what the static fetch and a visitor without scripts see; a
//   notice there is still published by the site); elements hidden with `hidden`, display:none or
//   aria-hidden (accordions, tabs and modals hide the notice until a click, but the site
//   published it); <option> labels (a contact form's 問い合わせ種別 often says what it refuses);
//   input placeholders and button values (visible in the form).
import { Parser } from 'htmlparser2';

export interface ParsedPage {
  /** Visible text in reading order, one entry per block (p, li, td, dt/dd, div, h1-6, section, footer…; <br> also breaks), whitespace collapsed, NFKC-normalised with the dash/tilde variants NFKC misses folded; each image's alt text is its own block; nothing from script, style, template, head, or comments; character references decoded. <noscript> is read (see the file header). */
  blocks: string[];
  links: { href: string; text: string }[]; // raw href as written; text = visible text of the anchor incl. img alt
  forms: { action: string | null; method: string }[];
  images: { src: string; alt: string }[];
  title: string;
}

// Elements whose start or end ends the current block. Anything else (span, a, strong, font, small,
// label, ruby…) is inline: its text runs on into its neighbours without a break.
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'br', 'button', 'caption', 'center', 'dd', 'details',
  'dialog', 'dir', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'frameset', 'h1',
  'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'legend', 'li', 'listing', 'main', 'marquee',
  'menu', 'nav', 'noscript', 'ol', 'optgroup', 'option', 'p', 'plaintext', 'pre', 'search', 'section', 'select',
  'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'video', 'audio', 'xmp',
]);

// Elements whose content nobody reads as text.
const SKIP = new Set(['script', 'style', 'template', 'svg', 'math', 'iframe', 'object', 'rt', 'rp', 'textarea', 'canvas']);

// Tags that may sit in <head>; any other start tag means the body has begun (browsers close
// <head> implicitly), so a page that forgets </head> still gets its text read.
const HEAD_TAGS = new Set(['title', 'meta', 'link', 'style', 'script', 'base', 'noscript', 'template']);

const VOID_WITH_TEXT_INPUTS = new Set(['submit', 'button', 'reset']);

// Dashes NFKC leaves alone (‐ ‑ ‒ – — ― − ⁃ ﹘ ﹣ and the box-drawing ─ used as a rule) → '-';
// tildes (〜 wave dash, ∼, ~ after NFKC) → '~'; zero-width characters and soft hyphens dropped.
const DASHES = /[\u2010-\u2015\u2212\u2043\uFE58\uFE63\u2500\u2501]/g;
const TILDES = /[\u301C\u223C\u223D\u02DC\u2053\u3030]/g;
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
// ー (prolonged sound mark) is a dash only between digits (03ー1234ー5678); in katakana it is a
// letter (セールス) and must stay.
const DIGIT_CHOON = /(?<=\d)[ー\u30FC\uFF70](?=\d)/g;
const SPACES = /\s+/g;

/** NFKC, then the dash/tilde variants NFKC misses folded, invisible characters dropped and
 * whitespace collapsed to single spaces (trimmed). Idempotent. */
const PLAIN_ASCII = /^[\t\n\r\x20-\x7E]*$/;
const FOLDABLE = /[\u2010-\u2015\u2212\u2043\uFE58\uFE63\u2500\u2501\u301C\u223C\u223D\u02DC\u2053\u3030\u200B-\u200D\u2060\uFEFF\u00AD]/;

export function normalizeText(text: string): string {
  // Most text nodes are plain ASCII (whitespace between tags, numbers, URLs): nothing to fold.
  if (PLAIN_ASCII.test(text)) return text.replace(SPACES, ' ').trim();
  let s = text.normalize('NFKC');
  if (FOLDABLE.test(s)) s = s.replace(INVISIBLE, '').replace(DASHES, '-').replace(TILDES, '~');
  // The replacements above never produce digits or ー, so one pass over digit-ー-digit suffices.
  if (s.includes('ー')) s = s.replace(DIGIT_CHOON, '-');
  return s.replace(SPACES, ' ').trim();
}

export function parsePage(html: string): ParsedPage {
  const blocks: string[] = [];
  const links: ParsedPage['links'] = [];
  const forms: ParsedPage['forms'] = [];
  const images: ParsedPage['images'] = [];

  let text = ''; // raw text of the current block, not yet normalised
  let skipDepth = 0;
  let inHead = false;
  let titleRaw: string | null = null; // null until a <title> is seen; then collected once
  let inTitle = false;
  // Open anchors (nesting is invalid HTML, but parsers meet it): each collects its own text.
  const anchors: { href: string; text: string }[] = [];

  const flush = () => {
    if (text === '') return;
    const block = normalizeText(text);
    text = '';
    if (block !== '') blocks.push(block);
  };
  const pushBlock = (raw: string) => {
    const block = normalizeText(raw);
    if (block !== '') blocks.push(block);
  };
  const addAnchorText = (s: string) => {
    for (const a of anchors) a.text += s;
  };

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (skipDepth > 0) {
          if (SKIP.has(name)) skipDepth++;
          return;
        }
        if (name === 'head') {
          inHead = true;
          return;
        }
        if (name === 'title' && titleRaw === null) {
          inTitle = true;
          titleRaw = '';
          return;
        }
        if (inHead && !HEAD_TAGS.has(name)) inHead = false;
        if (SKIP.has(name)) {
          // A textarea's content is a default value, but its placeholder is what a visitor reads.
          if (name === 'textarea' && attribs.placeholder && attribs.placeholder.trim() !== '') {
            flush();
            pushBlock(attribs.placeholder);
          }
          skipDepth = 1;
          return;
        }
        if (inHead && name !== 'noscript') return;
        if (BLOCK.has(name)) flush();
        switch (name) {
          case 'a': {
            const href = attribs.href;
            if (href !== undefined) anchors.push({ href, text: '' });
            else anchors.push({ href: '\0', text: '' }); // placeholder keeps the stack balanced
            break;
          }
          case 'img':
          case 'area': {
            const alt = attribs.alt ?? '';
            if (name === 'img') images.push({ src: attribs.src ?? attribs['data-src'] ?? '', alt: normalizeText(alt) });
            if (alt.trim() !== '') {
              flush();
              pushBlock(alt);
              addAnchorText(` ${alt} `);
            }
            break;
          }
          case 'input': {
            const type = (attribs.type ?? 'text').toLowerCase();
            if (type === 'hidden') break;
            const shown = type === 'image' ? attribs.alt : VOID_WITH_TEXT_INPUTS.has(type) ? attribs.value : attribs.placeholder;
            if (shown && shown.trim() !== '') {
              flush();
              pushBlock(shown);
            }
            break;
          }
          case 'form':
            forms.push({ action: attribs.action ?? null, method: (attribs.method ?? 'get').trim().toLowerCase() || 'get' });
            break;
        }
      },
      onclosetag(name) {
        if (skipDepth > 0) {
          if (SKIP.has(name)) skipDepth--;
          return;
        }
        if (name === 'title' && inTitle) {
          inTitle = false;
          return;
        }
        if (name === 'head') {
          inHead = false;
          return;
        }
        if (name === 'a') {
          const a = anchors.pop();
          if (a && a.href !== '\0') links.push({ href: a.href, text: normalizeText(a.text) });
          return;
        }
        if (BLOCK.has(name)) flush();
      },
      ontext(data) {
        if (skipDepth > 0) return;
        if (inTitle) {
          titleRaw += data;
          return;
        }
        if (inHead) return;
        text += data;
        if (anchors.length > 0) addAnchorText(data);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  flush();
  // Anchors the page never closed still count.
  while (anchors.length > 0) {
    const a = anchors.pop();
    if (a && a.href !== '\0') links.push({ href: a.href, text: normalizeText(a.text) });
  }

  return { blocks, links, forms, images, title: normalizeText(titleRaw ?? '') };
}
