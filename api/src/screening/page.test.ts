// The one HTML parse shared by the refusal detector and the site reader: what counts as read text,
// how blocks break, links/forms/images, and the normaliser's invariants.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeText, parsePage } from './page.ts';

const body = (html: string) => parsePage(`<!doctype html><html><head><title>t</title></head><body>${html}</body></html>`);

describe('parsePage: what is read', () => {
  it('ignores scripts, styles, templates, comments and head content', () => {
    const page = parsePage(`<html><head><title>会社</title><meta name="description" content="営業電話お断り">
      <style>.x{content:"営業電話お断り"}</style><script>var s = "<p>営業電話お断り</p>";</script></head>
      <body><!-- 営業電話お断り --><p>本文</p><template><p>営業電話お断り</p></template>
      <script type="application/ld+json">{"name":"営業電話お断り"}</script></body></html>`);
    expect(page.blocks).toEqual(['本文']);
    expect(page.title).toBe('会社');
  });

  it('keeps text across inline tags and comments in one block', () => {
    expect(body('<p>営業<span>電<b>話</b></span>は<!-- x -->お断り<a href="/x">します</a></p>').blocks).toEqual(['営業電話はお断りします']);
  });

  it('breaks blocks at block elements and <br>', () => {
    expect(body('<div>一<p>二</p>三<br>四<ul><li>五</li><li>六</li></ul><table><tr><th>七</th><td>八</td></tr></table></div>').blocks).toEqual([
      '一', '二', '三', '四', '五', '六', '七', '八',
    ]);
  });

  it('gives each image alt its own block and adds it to its link text', () => {
    const page = body('<p>前<img src="/a.png" alt="営業電話お断り">後</p><a href="/contact"><img src="/c.png" alt="お問い合わせ">はこちら</a>');
    expect(page.blocks).toEqual(['前', '営業電話お断り', '後', 'お問い合わせ', 'はこちら']);
    expect(page.images).toEqual([
      { src: '/a.png', alt: '営業電話お断り' },
      { src: '/c.png', alt: 'お問い合わせ' },
    ]);
    expect(page.links).toEqual([{ href: '/contact', text: 'お問い合わせ はこちら' }]);
  });

  it('decodes named, decimal and hex character references', () => {
    expect(body('<p>&#21942;&#26989;&#x96FB;&#x8A71; &amp; &lt;b&gt; &nbsp;A</p>').blocks).toEqual(['営業電話 & <b> A']);
  });

  it('drops ruby annotations so 営業<rt>えいぎょう</rt> reads as 営業', () => {
    expect(body('<p><ruby>営業<rp>(</rp><rt>えいぎょう</rt><rp>)</rp></ruby>電話</p>').blocks).toEqual(['営業電話']);
  });

  it('reads noscript, hidden panels, option labels, placeholders and button values', () => {
    const page = body(`<noscript><p>静的</p></noscript><div style="display:none">隠れた回答</div><div hidden>もう一つ</div>
      <form action="/send" method="POST"><select><option>営業のご提案</option></select>
      <input type="text" placeholder="お名前"><input type="hidden" value="secret"><textarea placeholder="ご用件">既定値</textarea>
      <input type="submit" value="送信"></form>`);
    expect(page.blocks).toEqual(['静的', '隠れた回答', 'もう一つ', '営業のご提案', 'お名前', 'ご用件', '送信']);
    expect(page.forms).toEqual([{ action: '/send', method: 'post' }]);
  });

  it('skips svg and iframe content', () => {
    expect(body('<p>a</p><svg><title>icon</title><text>営業電話お断り</text></svg><iframe>fallback</iframe><p>b</p>').blocks).toEqual(['a', 'b']);
  });

  it('keeps raw hrefs, defaults form method to get and action to null', () => {
    const page = body('<a href="tel:03-1234-5678">電話</a><a name="top">anchor</a><a href="mailto:a@b.jp?subject=%E5%96%B6">mail</a><form><input name="q"></form>');
    expect(page.links).toEqual([
      { href: 'tel:03-1234-5678', text: '電話' },
      { href: 'mailto:a@b.jp?subject=%E5%96%B6', text: 'mail' },
    ]);
    expect(page.forms).toEqual([{ action: null, method: 'get' }]);
  });

  it('reads a page that never closes <head> or opens <body>', () => {
    expect(parsePage('<html><head><title>x</title><meta charset="utf-8"><div>本文です</div>').blocks).toEqual(['本文です']);
    expect(parsePage('ただのテキスト').blocks).toEqual(['ただのテキスト']);
  });

  it('collapses whitespace and NFKC-normalises blocks', () => {
    expect(body('<p>  ｾｰﾙｽ　ＮＧ\n\t ０３ー１２３４ー５６７８  ㈱テスト 10〜19時 </p>').blocks).toEqual(['セールス NG 03-1234-5678 (株)テスト 10~19時']);
  });
});

describe('normalizeText', () => {
  it('folds the dashes and tildes NFKC leaves alone', () => {
    expect(normalizeText('03−1234‐5678 ― 〜 ∼')).toBe('03-1234-5678 - ~ ~');
  });

  it('keeps ー inside katakana and folds it between digits', () => {
    expect(normalizeText('セールス 03ー1234ー5678 ｾｰﾙｽ')).toBe('セールス 03-1234-5678 セールス');
  });

  it('drops zero-width characters and soft hyphens', () => {
    expect(normalizeText('営\u200B業\uFEFF電\u00AD話')).toBe('営業電話');
  });

  it('is idempotent and leaves no edge or double whitespace', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('営', '業', 'ｰ', 'ー', '1', '２', ' ', '\u3000', '\n', '−', '〜', '\u200B', 'ｾ', 'ﾙ', 'ｽ', 'a', '㈱') }), (s) => {
        const once = normalizeText(s);
        expect(normalizeText(once)).toBe(once);
        expect(once).toBe(once.trim());
        expect(once).not.toMatch(/\s{2}/);
      }),
    );
  });
});

describe('parsePage: robustness', () => {
  it('never throws and yields trimmed, non-empty blocks for any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('<', '>', '/', 'p', 'br', 'script', 'a href="x"', '&', '#', ';', '営', ' ', '!--', '-->', '"', '=', 'img alt="お"') }), (html) => {
        const page = parsePage(html);
        for (const b of page.blocks) {
          expect(b).not.toBe('');
          expect(b).toBe(b.trim());
        }
      }),
    );
  });
});
