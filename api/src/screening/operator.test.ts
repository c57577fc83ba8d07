// The operator of a site as one page says it: realistic 会社概要, 特定商取引法 and footer markup
// through parsePage, and the pages that must give no operator (a 屋号 only, prose, no company).
import { describe, expect, it } from 'vitest';
import { findOperator } from './operator.ts';
import { parsePage } from './page.ts';

const page = (body: string) => parsePage(`<!DOCTYPE html><html lang="ja"><head><meta charset="UTF-8"><title>会社概要</title></head><body>${body}</body></html>`);
const operatorOf = (body: string) => findOperator(page(body));

// Real 法人番号 (the check digit verified in corporate-number.test.ts).
const NUMBER = '7010001008844';
const BAD_NUMBER = '8010001008844';

const table = (rows: [string, string][]) => `<table class="company"><tbody>${rows.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join('')}</tbody></table>`;

describe('findOperator: labelled rows', () => {
  it('reads a 会社概要 table (th/td): name, 法人番号 and 所在地', () => {
    const body = `<main><section><h2>会社概要</h2>${table([
      ['会社名', '有限会社竹内商事'],
      ['代表者', '代表取締役　竹内 一郎'],
      ['設立', '1998年4月'],
      ['法人番号', NUMBER],
      ['所在地', '東京都世田谷区三軒茶屋２丁目１１−２２ サンタワー3F'],
      ['電話番号', '03-1234-5678'],
    ])}</section></main>`;
    expect(operatorOf(body)).toEqual({ name: '有限会社竹内商事', corporateNumber: NUMBER, address: '東京都世田谷区三軒茶屋2丁目11-22 サンタワー3F' });
  });

  it('reads a definition list (dt/dd)', () => {
    const body = `<dl class="profile"><dt>商号</dt><dd>株式会社ソラ</dd><dt>本社所在地</dt><dd>大阪府大阪市北区梅田1-2-3 梅田ビル10F</dd><dt>事業内容</dt><dd>美容室の運営</dd></dl>`;
    expect(operatorOf(body)).toEqual({ name: '株式会社ソラ', corporateNumber: null, address: '大阪府大阪市北区梅田1-2-3 梅田ビル10F' });
  });

  it('reads inline rows ("会社名：…", "【所在地】…", "法人番号 …" with spaces between digit groups)', () => {
    const body = `<div class="about"><p>会社名：合同会社ミナト</p><p>【所在地】神奈川県横浜市中区山下町1-2</p><p>法人番号 7 0100 0100 8844</p></div>`;
    expect(operatorOf(body)).toEqual({ name: '合同会社ミナト', corporateNumber: NUMBER, address: '神奈川県横浜市中区山下町1-2' });
  });

  it('reads a 運営会社 row, cutting an English annotation after the name', () => {
    const body = `<footer><table>${'<tr><th>運営会社</th><td>株式会社ソラ（Sora Inc.）</td></tr>'}<tr><th>本社</th><td>東京都渋谷区道玄坂1-2-3</td></tr></table></footer>`;
    expect(operatorOf(body)).toEqual({ name: '株式会社ソラ', corporateNumber: null, address: '東京都渋谷区道玄坂1-2-3' });
  });

  it('reads a 特定商取引法に基づく表記 page (販売業者)', () => {
    const body = `<h1>特定商取引法に基づく表記</h1>${table([
      ['販売業者', '株式会社ハナミズキ'],
      ['運営統括責任者', '山本 花子'],
      ['所在地', '〒460-0008<br>愛知県名古屋市中区栄3丁目4-5'],
      ['電話番号', '052-123-4567'],
      ['販売価格', '各商品ページに記載'],
    ])}`;
    expect(operatorOf(body)).toEqual({ name: '株式会社ハナミズキ', corporateNumber: null, address: '愛知県名古屋市中区栄3丁目4-5' });
  });

  it('keeps an abbreviated legal form as written ((株), ㈱ folded by NFKC)', () => {
    expect(operatorOf(table([['会社名', '（株）山田工務店']]))?.name).toBe('(株)山田工務店');
    expect(operatorOf(table([['社名', '山田工務店㈱']]))?.name).toBe('山田工務店(株)');
  });

  it('keeps a medical or tax corporation name whole', () => {
    expect(operatorOf(table([['法人名', '医療法人社団 スマイル会']]))?.name).toBe('医療法人社団 スマイル会');
    expect(operatorOf(table([['名称', '税理士法人みらい会計']]))?.name).toBe('税理士法人みらい会計');
  });

  it('keeps a medical corporation without the clinic it runs (the registry knows the corporation)', () => {
    expect(operatorOf(table([['法人名', '医療法人社団スマイル会 スマイル歯科クリニック']]))?.name).toBe('医療法人社団スマイル会');
    const footer = '<footer><p>医療法人心正和会 神楽坂山口歯科</p><p>東京都新宿区神楽坂3丁目21-24 第5中央ビル 3F</p></footer>';
    expect(operatorOf(footer)).toEqual({ name: '医療法人心正和会', corporateNumber: null, address: '東京都新宿区神楽坂3丁目21-24 第5中央ビル 3F' });
  });

  it('drops a 法人番号 whose check digit is wrong, keeping the name', () => {
    expect(operatorOf(table([['会社名', '株式会社ソラ'], ['法人番号', BAD_NUMBER]]))).toEqual({ name: '株式会社ソラ', corporateNumber: null, address: null });
    expect(operatorOf(table([['会社名', '株式会社ソラ'], ['法人番号', '701000100884']]))?.corporateNumber).toBeNull();
  });

  it('strips the 〒 postcode written before the address in the same cell, and the phone after it', () => {
    const body = table([['会社名', '株式会社ソラ'], ['所在地', '〒150-0043 東京都渋谷区道玄坂１丁目２−３ TEL：03-1234-5678']]);
    expect(operatorOf(body)?.address).toBe('東京都渋谷区道玄坂1丁目2-3');
  });

  it('does not cut a building name that holds "tel" (Hotel)', () => {
    expect(operatorOf(table([['会社名', '株式会社ソラ'], ['本社', '東京都港区六本木1-2-3 Grand Hotel 5F']]))?.address).toBe('東京都港区六本木1-2-3 Grand Hotel 5F');
  });

  it('takes the head office (所在地, 本社) over another 住所 on the page', () => {
    const body = `<dl><dt>店舗名</dt><dd>ソラ 渋谷店</dd><dt>住所</dt><dd>東京都渋谷区宇田川町31-2</dd></dl>${table([['会社名', '株式会社ソラ'], ['所在地', '東京都港区南青山2-2-2']])}`;
    expect(operatorOf(body)?.address).toBe('東京都港区南青山2-2-2');
  });

  it('ignores an address row that names no municipality', () => {
    expect(operatorOf(table([['会社名', '株式会社ソラ'], ['所在地', '駅から徒歩5分']]))?.address).toBeNull();
  });

  it('takes the first labelled name on the page, over a footer signature', () => {
    const body = `${table([['会社名', '株式会社ソラ'], ['会社名', '株式会社ウミ']])}<footer><p>株式会社ソラホールディングス</p><p>本社：東京都港区南青山2-2-2</p></footer>`;
    expect(operatorOf(body)?.name).toBe('株式会社ソラ');
  });
});

describe('findOperator: footers', () => {
  it('reads a chain footer: a lone legal name followed by 本社：…', () => {
    const body = `<main><h2>店舗一覧</h2><ul><li><a href="/shibuya/">ソラ 渋谷店</a></li></ul></main><footer class="site-footer"><p>株式会社ソラ</p><p>本社：東京都渋谷区道玄坂1-2-3 渋谷ビル5F</p><p class="copyright">&copy; 2026 SORA All Rights Reserved.</p></footer>`;
    expect(operatorOf(body)).toEqual({ name: '株式会社ソラ', corporateNumber: null, address: '東京都渋谷区道玄坂1-2-3 渋谷ビル5F' });
  });

  it('reads a lone legal name followed by a bare street address', () => {
    const body = `<footer><p>有限会社竹内商事</p><p>〒154-0024 東京都世田谷区三軒茶屋2-11-22</p><p>TEL 03-1234-5678</p></footer>`;
    expect(operatorOf(body)).toEqual({ name: '有限会社竹内商事', corporateNumber: null, address: '東京都世田谷区三軒茶屋2-11-22' });
  });

  it('falls back to the copyright line', () => {
    expect(operatorOf('<footer><p>© 2026 株式会社ソラ</p></footer>')?.name).toBe('株式会社ソラ');
    expect(operatorOf('<footer><small>Copyright (C) 2015-2026 株式会社ソラ All Rights Reserved.</small></footer>')?.name).toBe('株式会社ソラ');
    expect(operatorOf('<footer><p>(c) 株式会社ソラ.</p></footer>')?.name).toBe('株式会社ソラ');
    expect(operatorOf('<footer><p>&copy; 2026 Sora Inc. All rights reserved.</p></footer>')?.name).toBe('Sora Inc.');
  });

  it('gives the labelled address and number to a name found in the footer', () => {
    const body = `<dl><dt>所在地</dt><dd>東京都港区南青山2-2-2</dd><dt>法人番号</dt><dd>${NUMBER}</dd></dl><footer><p>Copyright © 株式会社ソラ</p></footer>`;
    expect(operatorOf(body)).toEqual({ name: '株式会社ソラ', corporateNumber: NUMBER, address: '東京都港区南青山2-2-2' });
  });
});

describe('findOperator: no operator', () => {
  it('does not take names mentioned in prose or listed as clients', () => {
    const body = `<article><h2>導入事例</h2><p>取引先：株式会社A、株式会社B、有限会社C</p><p>先日、株式会社ミライ様の新社屋の工事を担当しました。</p>
<h3>主要取引先</h3><ul><li>株式会社ミライ</li><li>株式会社ヒカリ</li></ul><p>東京都渋谷区道玄坂1-2-3</p></article>`;
    expect(operatorOf(body)).toBeNull();
  });

  it('does not take a contact form example (例）株式会社〇〇) as the operator', () => {
    const body = `<form action="/contact/send" method="post"><dl><dt>会社名</dt><dd><input name="company" placeholder="例）株式会社〇〇"></dd><dt>会社名</dt><dd><input name="company2" placeholder="株式会社〇〇"></dd></dl></form>`;
    expect(operatorOf(body)).toBeNull();
  });

  it('gives null for a 屋号-only shop (個人事業, no legal form)', () => {
    const body = `<section><h2>店舗情報</h2>${table([['屋号', 'ヘアサロン ソラ'], ['代表', '店主'], ['所在地', '東京都渋谷区道玄坂1-2-3'], ['名称', 'ソラ']])}</section><footer><p>ヘアサロン ソラ</p><p>東京都渋谷区道玄坂1-2-3</p><p>© 2026 ヘアサロン ソラ</p></footer>`;
    expect(operatorOf(body)).toBeNull();
  });

  it('gives null for a page with only a number or only an address', () => {
    expect(operatorOf(table([['法人番号', NUMBER]]))).toBeNull();
    expect(operatorOf(table([['所在地', '東京都渋谷区道玄坂1-2-3']]))).toBeNull();
  });

  it('gives null for a page with no company information', () => {
    expect(operatorOf('<main><h1>ようこそ</h1><p>地域密着のリフォーム。名称変更のお知らせ：新しい店名になりました。</p><ul><li>カット ¥5,500</li></ul></main>')).toBeNull();
    expect(findOperator(parsePage(''))).toBeNull();
  });

  it('does not read 名称 as a label inside a longer word', () => {
    expect(operatorOf('<p>名称変更 株式会社ソラ</p>')).toBeNull();
  });
});
