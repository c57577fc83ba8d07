// Renders the synthetic company websites: Japanese HTML for top, contact, company, blog and branch
// pages, robots.txt, redirects, errors and the oversized page, plus the pages shared platforms
// (ameblo, hotpepper, instagram…) show for a shop. Everything a screener is scored on was decided
// in ./sites.ts; rendering only picks cosmetics, deterministically per page.
import type { Business, World } from './dataset.ts';
import { openingHoursJson } from './dataset.ts';
import { CHAINS } from './names.ts';
import { Rng } from './random.ts';
import { encodeShiftJis } from './shift-jis.ts';
import { BLOG_COLUMN_TITLE, isPlatformHost, siteOrigin, type HardNegative, type RefusalPlan, type SiteSpec } from './sites.ts';

export interface SiteResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Uint8Array;
  /** Serve after Faults.siteLatencyMs. */
  slow: boolean;
}

const HTML = 'text/html; charset=UTF-8';
const PNG_1PX = Uint8Array.from(
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64'),
);

/** Answers `GET https://{host}{path}` of the synthetic web. */
export function renderSite(world: World, host: string, pathAndQuery: string): SiteResponse {
  const path = (pathAndQuery.split('?')[0] ?? '/') || '/';
  const next = world.redirectHosts.get(host);
  if (next) {
    const target = world.sites.get(next) ?? world.sites.get(world.redirectHosts.get(next) ?? '');
    const scheme = target?.scheme ?? 'https';
    return redirect(301, `${scheme}://${next}${pathAndQuery}`);
  }
  if (isPlatformHost(host)) return platformPage(world, host, path);
  const spec = world.sites.get(host);
  if (!spec) return notFound();
  const slow = spec.role === 'slow';
  if (spec.role === 'not_found') return { ...notFound(), slow };
  if (spec.role === 'server_error') return { status: 500, headers: { 'Content-Type': HTML }, body: '<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1></body></html>', slow };
  if (path === '/robots.txt') return robots(spec);
  const origin = siteOrigin(spec);
  if (spec.role === 'long_redirect') {
    const hop = /^\/r\/(\d+)$/.exec(path);
    if (hop) {
      const n = Number(hop[1]);
      return n < 7 ? redirect(302, `${origin}/r/${n + 1}`) : redirect(301, `${origin}/`);
    }
  }
  if (spec.role === 'redirect_loop') {
    if (path === '/loop/a') return redirect(302, `${origin}/loop/b`);
    if (path === '/loop/b') return redirect(302, `${origin}/loop/a`);
  }
  if (path.startsWith('/css/')) return { status: 200, headers: { 'Content-Type': 'text/css' }, body: 'body{font-family:sans-serif;margin:0}header,footer{padding:1em}', slow };
  if (path.startsWith('/img/')) return { status: 200, headers: { 'Content-Type': 'image/png' }, body: PNG_1PX, slow };
  const html = page(world, spec, path);
  if (html === undefined) return { ...notFound(), slow };
  return { ...encode(world, spec, html), slow };
}

function redirect(status: number, location: string): SiteResponse {
  return { status, headers: { Location: location, 'Content-Type': HTML }, body: `<html><body><a href="${esc(location)}">Moved</a></body></html>`, slow: false };
}

function notFound(): SiteResponse {
  return { status: 404, headers: { 'Content-Type': HTML }, body: '<!DOCTYPE html><html lang="ja"><head><meta charset="UTF-8"><title>404 Not Found</title></head><body><h1>ページが見つかりません</h1><p>お探しのページは移動または削除された可能性があります。</p></body></html>', slow: false };
}

function robots(spec: SiteSpec): SiteResponse {
  if (!spec.robots.present) return notFound();
  const lines = ['User-agent: *', ...(spec.robots.disallow.length ? spec.robots.disallow.map((p) => `Disallow: ${p}`) : ['Disallow:']), '', `Sitemap: ${siteOrigin(spec)}/sitemap.xml`, ''];
  return { status: 200, headers: { 'Content-Type': 'text/plain; charset=UTF-8' }, body: lines.join('\n'), slow: spec.role === 'slow' };
}

function encode(world: World, spec: SiteSpec, html: string): Omit<SiteResponse, 'slow'> {
  if (spec.encoding !== 'shift_jis') return { status: 200, headers: { 'Content-Type': HTML }, body: html };
  // One Shift_JIS site declares its charset in the header, the other only in a <meta>.
  const inHeader = world.specialSites.shiftJis[0] === spec.host;
  const meta = '<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">';
  const body = encodeShiftJis(html.replace('<meta charset="UTF-8">', meta));
  return { status: 200, headers: { 'Content-Type': inHeader ? 'text/html; charset=Shift_JIS' : 'text/html' }, body };
}

// ---------------------------------------------------------------------------------------------

interface Ctx {
  world: World;
  spec: SiteSpec;
  /** The business a single-shop site is about (the newest place linking to it). */
  main: Business;
  rng: Rng;
  path: string;
}

const hugeCache = new Map<string, string>();

function page(world: World, spec: SiteSpec, path: string): string | undefined {
  const mainId = spec.businessIds[spec.businessIds.length - 1];
  const main = mainId ? world.business(mainId) : undefined;
  if (!main) return undefined;
  const ctx: Ctx = { world, spec, main, rng: Rng.derive(world.seed, `page:${spec.host}:${path}`), path };
  if (path === '/' || path === '/index.html' || path === '/index.php') {
    if (spec.role !== 'huge') return topPage(ctx);
    const key = `${world.seed}:${spec.host}`;
    let html = hugeCache.get(key);
    if (!html) hugeCache.set(key, (html = hugePage(ctx)));
    return html;
  }
  if (spec.contactPath && samePath(path, spec.contactPath)) return contactPage(ctx);
  if (spec.companyPath && samePath(path, spec.companyPath)) return companyPage(ctx);
  if (spec.blogPath && path === spec.blogPath) return blogPage(ctx);
  if (spec.extraPaths.some((p) => samePath(path, p))) return extraPage(ctx);
  if (spec.kind === 'chain') {
    const chain = CHAINS.find((c) => c.key === spec.chainKey);
    const m = chain ? new RegExp(`^/${chain.branchPath}/([a-z0-9-]+)/?$`).exec(path) : null;
    if (m) {
      // The newest place wins: a moved branch keeps its page.
      const branch = spec.businessIds
        .map((id) => world.business(id))
        .reverse()
        .find((b) => b?.websiteUri?.endsWith(`/${m[1]}/`));
      if (branch) return branchPage(ctx, branch);
    }
  }
  return undefined;
}

function samePath(a: string, b: string): boolean {
  return a === b || a.replace(/\/$/, '') === b.replace(/\/$/, '');
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function plainAddress(b: Business): string {
  return b.formattedAddress.replace(/^日本、/, '');
}

function hoursText(b: Business): { hours: string; closed: string } {
  const h = b.hours;
  const t = (m: number) => `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
  const hours = h.breakStart !== undefined && h.breakEnd !== undefined ? `${t(h.open)}〜${t(h.breakStart)} / ${t(h.breakEnd)}〜${t(h.close)}` : `${t(h.open)}〜${t(h.close)}`;
  const names = ['日曜日', '月曜日', '火曜日', '水曜日', '木曜日', '金曜日', '土曜日'];
  const closed = h.closedDays.length ? `${h.closedDays.map((d) => names[d]).join('・')}${h.closedDays.includes(0) ? '・祝日' : ''}` : '不定休';
  return { hours, closed };
}

function layout(ctx: Ctx, title: string, main: string, extraFooter = ''): string {
  const { spec } = ctx;
  const nav: string[] = ['<li><a href="/">ホーム</a></li>'];
  for (const p of spec.extraPaths) nav.push(`<li><a href="${p}">${EXTRA_LABELS[p] ?? 'ご案内'}</a></li>`);
  if (spec.companyPath) nav.push(`<li><a href="${spec.companyPath}">${ctx.main.corporation ? '会社概要' : '店舗情報'}</a></li>`);
  if (spec.contactPath) nav.push(`<li><a href="${spec.contactPath}">お問い合わせ</a></li>`);
  const { hours, closed } = hoursText(ctx.main);
  const footerLinks = [spec.companyPath ? `<a href="${spec.companyPath}">${ctx.main.corporation ? '会社概要' : '店舗情報'}</a>` : '', spec.contactPath ? `<a href="${spec.contactPath}">お問い合わせ</a>` : '', '<a href="/privacy/">プライバシーポリシー</a>'].filter(Boolean).join(' | ');
  const footerEmail = spec.footerEmail && spec.email ? `<p>E-mail: <a href="mailto:${spec.email}">${spec.email}</a></p>` : '';
  const refusal = spec.refusal?.where === 'footer' ? `<div class="footer-note"><small>${renderRefusal(spec.refusal)}</small></div>` : '';
  const shop = spec.kind === 'chain'
    ? `<p>${esc(ctx.main.corporation?.legalName ?? spec.title)}</p><p>本社：${esc(ctx.main.corporation?.headOfficeAddress ?? '')}</p>`
    : `<p>${esc(spec.title)}</p><p>${esc(plainAddress(ctx.main))}</p>${ctx.main.nationalPhoneNumber ? `<p>TEL：<a href="tel:${ctx.main.nationalPhoneNumber.replace(/-/g, '')}">${ctx.main.nationalPhoneNumber}</a></p>` : ''}<p>営業時間：${hours}</p><p>定休日：${closed}</p>`;
  const year = 2026;
  return `<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<meta name="description" content="${esc(spec.title)}の公式ホームページです。">
<link rel="stylesheet" href="/css/style.css">
<link rel="canonical" href="${siteOrigin(spec)}${ctx.path}">
</head>
<body>
<header class="site-header">
<h1 class="logo"><a href="/"><img src="/img/logo.png" alt="${esc(spec.title)}"></a></h1>
<nav class="global-nav"><ul>${nav.join('')}</ul></nav>
</header>
<main>
${main}
</main>
<footer class="site-footer">
${shop}
${footerEmail}
${extraFooter}
${refusal}
<p class="footer-links">${footerLinks}</p>
<p class="copyright">&copy; ${year} ${esc(spec.title)} All Rights Reserved.</p>
</footer>
</body>
</html>
`;
}

const EXTRA_LABELS: Record<string, string> = {
  '/menu/': 'メニュー',
  '/staff/': 'スタッフ紹介',
  '/access/': 'アクセス',
  '/service/': 'サービス',
  '/news/': 'お知らせ',
  '/price.html': '料金表',
  '/recruit/': '採用情報',
};

const TAGLINES: Record<string, string[]> = {
  hair_salon: ['一人ひとりに似合うスタイルをご提案します。', '髪にやさしいオーガニックカラーを取り揃えています。', '完全予約制のプライベートサロンです。'],
  dentist: ['痛みの少ない治療を心がけています。', '予防歯科・小児歯科・矯正歯科に対応しております。', '土曜日も診療しております。'],
  general_contractor: ['地域密着で住まいのリフォームから新築まで承ります。', '自然素材を活かした家づくり。', '水まわりのリフォームはお任せください。'],
  accounting: ['創業支援から事業承継まで、経営者に寄り添います。', 'クラウド会計に対応しております。', '相続税のご相談は初回無料です。'],
  restaurant: ['旬の食材を使ったお料理をご用意しております。', 'ランチタイムは禁煙です。', 'テイクアウトも承ります。'],
  real_estate_agency: ['賃貸・売買・管理まで地域の物件をご紹介します。', 'お部屋探しはお気軽にご相談ください。', '空き家の活用もご相談ください。'],
};

function hardNegativesHtml(items: HardNegative[], where: HardNegative['where'], spec: SiteSpec): string {
  const list = items.filter((h) => h.where === where);
  if (list.length === 0) return '';
  return `<section class="info"><ul>${list
    .map((h) => (h.text === BLOG_COLUMN_TITLE && spec.blogPath ? `<li><time>2026.11.10</time> <a href="${spec.blogPath}">${esc(h.text)}</a></li>` : `<li>${esc(h.text)}</li>`))
    .join('')}</ul></section>`;
}

function topPage(ctx: Ctx): string {
  const { spec, main, rng } = ctx;
  const tagline = rng.pick(TAGLINES[spec.industry] ?? ['']);
  const news = `<section class="news"><h2>お知らせ</h2><ul><li><time>2026.11.01</time> ${esc(rng.pick(['ホームページをリニューアルしました。', '冬季休業のお知らせ', '新メニューのご案内', 'スタッフが増えました。']))}</li></ul></section>`;
  let body = `<section class="hero"><h2>${esc(spec.title)}</h2><p>${esc(tagline)}</p></section>\n${news}\n${hardNegativesHtml(spec.hardNegatives, 'top', spec)}`;
  if (spec.kind === 'chain') {
    const branches = spec.businessIds.map((id) => ctx.world.business(id)).filter((b): b is Business => b !== undefined);
    body += `<section class="shops"><h2>店舗一覧</h2><ul>${branches.map((b) => `<li><a href="${new URL(b.websiteUri ?? '/').pathname}">${esc(b.displayName)}</a></li>`).join('')}</ul></section>`;
  } else {
    const { hours, closed } = hoursText(main);
    body += `<section class="access"><h2>アクセス</h2><p>${esc(plainAddress(main))}</p><p>営業時間 ${hours}（定休日：${closed}）</p></section>`;
  }
  if (!spec.contactPath) body += `<section class="contact"><h2>お問い合わせ</h2>${contactChannel(ctx)}</section>`;
  return layout(ctx, `${spec.title}｜公式サイト`, body);
}

function contactChannel(ctx: Ctx): string {
  const { spec, main, rng } = ctx;
  switch (spec.contact) {
    case 'form':
      return `<form action="${spec.formAction}" method="post" class="contact-form">
<dl><dt><label for="f-name">お名前<span class="req">必須</span></label></dt><dd><input id="f-name" type="text" name="name" required></dd>
<dt><label for="f-mail">メールアドレス<span class="req">必須</span></label></dt><dd><input id="f-mail" type="email" name="email" required></dd>
<dt><label for="f-tel">電話番号</label></dt><dd><input id="f-tel" type="tel" name="tel"></dd>
<dt><label for="f-body">お問い合わせ内容</label></dt><dd><textarea id="f-body" name="message" rows="8"></textarea></dd></dl>
<p><label><input type="checkbox" name="agree" required> プライバシーポリシーに同意する</label></p>
<p><button type="submit">確認画面へ進む</button></p>
</form>`;
    case 'external_form':
      return `<p>お問い合わせは<a href="${esc(spec.externalFormUrl ?? '')}" target="_blank" rel="noopener">こちらのお問い合わせフォーム</a>よりお願いいたします。</p>`;
    case 'mailto': {
      const subject = rng.chance(0.3) ? `?subject=${encodeURIComponent('お問い合わせ')}` : '';
      return `<p>メールでのお問い合わせ：<a href="mailto:${spec.email}${subject}">${rng.chance(0.5) ? spec.email : 'メールを送る'}</a></p>`;
    }
    case 'text':
      return `<p>E-mail：${spec.email}</p>`;
    case 'obfuscated':
      // The obfuscated form is written as-is (it may hold a character reference on purpose).
      return `<p>メールアドレス：${spec.obfuscatedAs}</p><p class="note">※迷惑メール対策のため表記を変えております。</p>`;
    case 'image':
      return `<p><img src="/img/mail.png" alt="メールアドレス" width="220" height="24"></p>`;
    case 'phone_only':
      return `<p>お問い合わせはお電話にて承ります。${main.nationalPhoneNumber ? `TEL：${main.nationalPhoneNumber}` : ''}</p>`;
  }
}

function contactPage(ctx: Ctx): string {
  const { spec, main } = ctx;
  const refusal = spec.refusal?.where === 'contact' ? `<div class="caution">${renderRefusal(spec.refusal)}</div>` : '';
  const phone = main.nationalPhoneNumber && spec.kind === 'own' ? `<p>お電話でのお問い合わせ：${main.nationalPhoneNumber}（受付時間 ${hoursText(main).hours}）</p>` : '';
  const body = `<section class="contact"><h2>お問い合わせ</h2>
<p>ご予約・ご質問など、お気軽にお問い合わせください。</p>
${phone}
${contactChannel(ctx)}
${refusal}
${hardNegativesHtml(spec.hardNegatives, 'contact', spec)}
</section>`;
  return layout(ctx, `お問い合わせ｜${spec.title}`, body);
}

function companyPage(ctx: Ctx): string {
  const { spec, main, rng } = ctx;
  const corp = main.corporation;
  const rows: [string, string][] = [];
  if (corp) {
    rows.push(['会社名', corp.legalName]);
    const role = corp.kind.startsWith('医療法人') ? '理事長' : corp.kind === '税理士法人' ? '代表社員' : '代表取締役';
    rows.push(['代表者', `${role}　${corp.representative}`]);
    rows.push(['設立', corp.establishedDate.replace(/^(\d{4})-(\d{2})-\d{2}$/, (_, y: string, m: string) => `${y}年${Number(m)}月`)]);
    if (corp.capitalYen) rows.push(['資本金', `${(corp.capitalYen / 10_000).toLocaleString('ja-JP')}万円`]);
    if (corp.employees !== undefined && rng.chance(0.6)) rows.push(['従業員数', `${corp.employees}名`]);
    if (rng.chance(0.3)) rows.push(['法人番号', corp.corporateNumber]);
    rows.push(['所在地', spec.kind === 'chain' ? corp.headOfficeAddress : plainAddress(main)]);
  } else {
    rows.push(['屋号', spec.title], ['代表', rng.pick(['オーナー', '院長', '店主', '代表'])], ['所在地', plainAddress(main)]);
  }
  if (main.nationalPhoneNumber && spec.kind === 'own') rows.push(['電話番号', main.nationalPhoneNumber]);
  rows.push(['事業内容', rng.pick(TAGLINES[spec.industry] ?? ['—'])]);
  const table = `<table class="company"><tbody>${rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</tbody></table>`;
  return layout(ctx, `${corp ? '会社概要' : '店舗情報'}｜${spec.title}`, `<section><h2>${corp ? '会社概要' : '店舗情報'}</h2>${table}${hardNegativesHtml(spec.hardNegatives, 'company', spec)}</section>`);
}

function blogPage(ctx: Ctx): string {
  const body = `<article class="column"><h2>${esc(BLOG_COLUMN_TITLE)}</h2>
<p>事業をしていると、毎日のように営業電話がかかってきます。本当に必要な情報もありますが、ほとんどは業務の妨げになってしまいます。</p>
<p>コツは、最初に「営業電話はお断りしております」とはっきり伝えることです。曖昧な返事をすると、何度もかけ直されてしまいます。</p>
<p>ホームページに「セールスのお電話はご遠慮ください」と書いておくのも一つの方法です。当事務所でもお客様からよくご相談をいただきます。</p>
</article>`;
  return layout(ctx, `${BLOG_COLUMN_TITLE}｜${ctx.spec.title}`, body);
}

function extraPage(ctx: Ctx): string {
  const { spec, main, path } = ctx;
  const label = EXTRA_LABELS[path] ?? EXTRA_LABELS[`${path}/`] ?? 'ご案内';
  const { hours, closed } = hoursText(main);
  const content: Record<string, string> = {
    'メニュー': '<ul><li>カット ¥5,500</li><li>カラー ¥7,700〜</li><li>パーマ ¥8,800〜</li></ul>',
    'スタッフ紹介': '<p>経験豊富なスタッフがお迎えいたします。</p>',
    'アクセス': `<p>${esc(plainAddress(main))}</p><p>営業時間：${hours}</p><p>定休日：${closed}</p>`,
    'サービス': `<p>${esc(TAGLINES[spec.industry]?.[0] ?? '')}</p>`,
    'お知らせ': '<ul><li><time>2026.10.15</time> 秋の新メニューのご案内</li></ul>',
    '料金表': '<table><tr><th>基本料金</th><td>お見積りください</td></tr></table>',
    '採用情報': '<p>スタッフを募集しております。詳しくはお問い合わせください。</p>',
  };
  return layout(ctx, `${label}｜${spec.title}`, `<section><h2>${label}</h2>${content[label] ?? ''}</section>`);
}

function branchPage(ctx: Ctx, branch: Business): string {
  const { hours, closed } = hoursText(branch);
  const info = openingHoursJson(branch.hours).weekdayDescriptions.map((d) => `<li>${esc(d)}</li>`).join('');
  const body = `<section class="shop"><h2>${esc(branch.displayName)}</h2>
<dl><dt>住所</dt><dd>${esc(plainAddress(branch))}</dd>
${branch.nationalPhoneNumber ? `<dt>電話番号</dt><dd><a href="tel:${branch.nationalPhoneNumber.replace(/-/g, '')}">${branch.nationalPhoneNumber}</a></dd>` : ''}
<dt>営業時間</dt><dd>${hours}</dd><dt>定休日</dt><dd>${closed}</dd></dl>
<ul class="week">${info}</ul>
${ctx.spec.contactPath ? `<p><a href="${ctx.spec.contactPath}">ご予約・お問い合わせ</a></p>` : ''}
</section>`;
  return layout({ ...ctx, main: branch }, `${branch.displayName}｜${ctx.spec.title}`, body);
}

function hugePage(ctx: Ctx): string {
  const top = topPage(ctx);
  const item = (i: number) => `<li class="work"><img src="/img/works/${i}.jpg" alt="施工事例${i}"><p>施工事例${i}：キッチン・浴室・トイレの水まわりリフォーム。築${(i % 40) + 5}年の戸建て住宅を全面改修しました。</p></li>\n`;
  const parts: string[] = [];
  let size = 0;
  for (let i = 1; size < 2_300_000; i++) {
    const s = item(i);
    parts.push(s);
    size += Buffer.byteLength(s);
  }
  return top.replace('</main>', `<section class="works"><h2>施工事例</h2><ul>${parts.join('')}</ul></section>\n</main>`);
}

// ---------------------------------------------------------------------------------------------

const FULL_WIDTH_OFFSET = 0xfee0;

/** The refusal notice written in one of several ways a screener must still recognise. */
export function renderRefusal(refusal: RefusalPlan): string {
  const text = refusal.text;
  const chars = [...text];
  switch (refusal.variant) {
    case 'plain':
      return `<p class="notice">${esc(text)}</p>`;
    case 'split': {
      const a = Math.max(1, Math.floor(chars.length / 3));
      const b = Math.max(a + 1, Math.floor((chars.length * 2) / 3));
      return `<p class="notice">${esc(chars.slice(0, a).join(''))}<span class="em">${esc(chars.slice(a, b).join(''))}</span><br>\n${esc(chars.slice(b).join(''))}</p>`;
    }
    case 'image_alt':
      return `<img src="/img/notice.png" alt="${esc(text)}" width="320" height="40">`;
    case 'full_width': {
      if (/^[\x20-\x7e]+$/.test(text)) {
        return `<p>${[...text].map((c) => (c === ' ' ? '　' : String.fromCharCode(c.charCodeAt(0) + FULL_WIDTH_OFFSET))).join('')}</p>`;
      }
      const a = Math.max(1, Math.floor(chars.length / 3));
      const b = Math.max(a + 1, Math.floor((chars.length * 2) / 3));
      return `<p>${esc(chars.slice(0, a).join(''))}　${esc(chars.slice(a, b).join(''))}　${esc(chars.slice(b).join(''))}</p>`;
    }
    case 'char_refs':
      return `<p>${chars.map((c, i) => (i % 2 === 0 && c.charCodeAt(0) > 0x7f ? `&#x${(c.codePointAt(0) as number).toString(16).toUpperCase()};` : esc(c))).join('')}</p>`;
    case 'list_item':
      return `<ul class="notes"><li>ご予約はお電話またはWebにて承ります。</li><li>${esc(text)}</li></ul>`;
    case 'definition':
      return `<dl class="caution"><dt>ご注意</dt><dd>${esc(text)}</dd></dl>`;
  }
}

// ---------------------------------------------------------------------------------------------
// Shared platforms: one page per shop, no notices of their own.

function platformPage(world: World, host: string, path: string): SiteResponse {
  if (path === '/robots.txt') return { status: 200, headers: { 'Content-Type': 'text/plain; charset=UTF-8' }, body: 'User-agent: *\nDisallow: /api/\n', slow: false };
  const withSlash = path.endsWith('/') ? path : `${path}/`;
  const id = world.platformUrls.get(`https://${host}${withSlash}`);
  const b = id ? world.business(id) : undefined;
  if (!b) return notFound();
  const { hours, closed } = hoursText(b);
  const platform = host.endsWith('.jimdofree.com') ? 'Jimdo' : host === 'ameblo.jp' ? 'アメーバブログ' : host === 'beauty.hotpepper.jp' ? 'ホットペッパービューティー' : host === 'www.hotpepper.jp' ? 'ホットペッパーグルメ' : host === 'tabelog.com' ? '食べログ' : 'Instagram';
  const body = `<!DOCTYPE html>
<html lang="ja"><head><meta charset="UTF-8"><title>${esc(b.displayName)}｜${platform}</title></head>
<body><header><p>${platform}</p></header>
<main><h1>${esc(b.displayName)}</h1>
<table><tr><th>住所</th><td>${esc(plainAddress(b))}</td></tr>
<tr><th>営業時間</th><td>${hours}</td></tr><tr><th>定休日</th><td>${closed}</td></tr>
${b.nationalPhoneNumber ? `<tr><th>電話番号</th><td>${b.nationalPhoneNumber}</td></tr>` : ''}</table>
<p><a href="/">${platform} トップ</a> | <a href="/help/contact/">${platform}へのお問い合わせ</a></p></main>
<footer><small>&copy; ${platform}</small></footer></body></html>
`;
  return { status: 200, headers: { 'Content-Type': HTML }, body, slow: false };
}
