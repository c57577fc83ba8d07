// The refusal detector, one hard case per test in each direction. The labelled page corpus
// (test/fixtures/screening, run by test/screening/corpus.test.ts) measures it as a whole.
import { describe, expect, it } from 'vitest';
import { detectRefusal, explainRefusal } from './detect.ts';
import { parsePage } from './page.ts';

const URL = 'https://example.jp/contact/';
const page = (body: string) => `<!doctype html><html><head><title>お問い合わせ</title></head><body>${body}</body></html>`;
const verdict = (body: string) => detectRefusal(page(body), URL).verdict;

describe('detectRefusal: refusals', () => {
  it('refuses 「営業電話はお断りしております」 split across tags', () => {
    expect(verdict('<p>営業<span class="red">電<strong>話</strong></span>は<em>お断り</em>しております。</p>')).toBe('refuses');
  });

  it('refuses a notice wrapped over <br> lines', () => {
    expect(verdict('<p>営業・勧誘など<br>当社の業務に関係のない<br>お電話はご遠慮ください。</p>')).toBe('refuses');
  });

  it('refuses a notice that is only an image alt text', () => {
    expect(verdict('<p><img src="/sign.png" alt="営業電話・飛び込み営業お断り"></p>')).toBe('refuses');
  });

  it('refuses a notice written in character references', () => {
    expect(verdict('<p>&#21942;&#26989;&#38651;&#35441;&#12399;&#12362;&#26029;&#12426;&#12375;&#12414;&#12377;</p>')).toBe('refuses');
  });

  it('refuses half-width ｾｰﾙｽ and full-width ＦＡＸ・ＤＭ', () => {
    expect(verdict('<p>ｾｰﾙｽ・勧誘のお電話はご遠慮願います。</p>')).toBe('refuses');
    expect(verdict('<p>営業ＦＡＸ・ＤＭは不要です。</p>')).toBe('refuses');
  });

  it('refuses when a <br> wraps the line inside a word (お断<br>りいたします, ご遠<br>慮)', () => {
    expect(verdict('<p>弊社宛ての勧誘のお電話はお断<br>りいたします。</p>')).toBe('refuses');
    expect(verdict('<p>当社への<span>営業メールはご遠</span><br>\n慮願います。</p>')).toBe('refuses');
    expect(verdict('<p>ペットの同伴はご遠<br>慮ください。</p>')).toBe('clear');
  });

  it('refuses a letter-spaced notice 営　業　電　話　お　断　り', () => {
    expect(verdict('<p>営　業　電　話　お　断　り</p>')).toBe('refuses');
  });

  it('refuses a table row th 営業・勧誘 / td 固くお断りいたします', () => {
    expect(verdict('<table><tr><th>所在地</th><td>大阪市北区</td></tr><tr><th>営業・勧誘</th><td>固くお断りいたします</td></tr></table>')).toBe('refuses');
  });

  it('refuses a definition list dt 営業のご連絡について / dd お受けしておりません', () => {
    expect(verdict('<dl><dt>営業のご連絡について</dt><dd>申し訳ございませんが、お受けしておりません。</dd></dl>')).toBe('refuses');
  });

  it('refuses a list headed by 以下のお問い合わせにはお答えいたしかねます', () => {
    expect(verdict('<h3>以下のお問い合わせにはお答えいたしかねます</h3><ul><li>営業・セールスのご案内</li><li>求人に関するご質問</li></ul>')).toBe('refuses');
  });

  it('refuses a colon list お断りしているもの：営業電話、勧誘', () => {
    expect(verdict('<p>お断りしているもの：営業電話、勧誘、アンケート</p>')).toBe('refuses');
  });

  it('refuses an FAQ answer to a question about sales calls', () => {
    expect(verdict('<dl><dt>Q. 営業の電話をかけてもいいですか？</dt><dd>A. 申し訳ありませんが、お断りしております。</dd></dl>')).toBe('refuses');
  });

  it('refuses a heading to salespeople followed by a refusal without its own subject', () => {
    expect(verdict('<h2>業者の皆様へ</h2><p>現在、新規のお取引は検討しておりません。</p>')).toBe('refuses');
  });

  it.each([
    ['お断り', '※営業・勧誘目的のお問い合わせはお断りいたします。'],
    ['ご遠慮', '営業目的のご連絡はご遠慮ください。'],
    ['禁止', '当ビル内での営業・勧誘行為は禁止されております。'],
    ['お控え', 'セールスのお電話はお控えください。'],
    ['受け付けておりません', '営業目的のメールは受け付けておりません。'],
    ['対応いたしかねます', '商品・サービスのご案内、営業目的のご連絡には対応いたしかねます。'],
    ['お受けできません', 'セールスや勧誘を目的とした訪問はお受けできません。'],
    ['不要', '資料送付・営業のご案内は不要です。'],
    ['NG', 'ご予約はLINEから／営業電話NG'],
    ['ご容赦', '営業のお電話はご容赦ください。'],
    ['お取次ぎいたしかねます', '営業のお電話は、担当者にお取次ぎいたしかねます。'],
    ['返信いたしません', '営業目的でのお問い合わせには返信いたしません。'],
    ['〜ないでください', '営業メールを送らないでください。'],
    ['おやめください', '営業電話は業務の妨げとなりますので、おやめください。'],
    ['削除いたします', '営業メールは確認せずに削除いたします。'],
    ['拒否します', '特定電子メール法に基づき、当アドレスへの広告メールの送信を拒否します。'],
    ['遠慮させていただいております', '営業等のご連絡は遠慮させていただいております。'],
  ])('refuses with the predicate %s', (_name, sentence) => {
    expect(verdict(`<p>${sentence}</p>`)).toBe('refuses');
  });

  it.each([
    ['売り込み', '売り込みのお電話はお断りします。'],
    ['訪問販売', '訪問販売・飛び込み営業お断り'],
    ['広告メール', '上記アドレスへの広告メール・宣伝メールの送信は固くお断りします。'],
    ['テレアポ', 'テレアポ・飛び込み営業は固くお断り申し上げます。'],
    ['営業活動', '弊社への営業活動はご遠慮いただいております。'],
    ['営業 + は', '当事務所では、電話・メール・FAXによる営業はお断りしております。'],
    ['業者からの連絡', '業者様からの営業のお電話はお断りしております。'],
    ['宗教勧誘', '当店は、セールス・宗教勧誘お断りです。'],
  ])('refuses the subject %s', (_name, sentence) => {
    expect(verdict(`<p>${sentence}</p>`)).toBe('refuses');
  });

  it('refuses sales coordinated with another refused thing (営業目的の方、およびペット…)', () => {
    expect(verdict('<p>営業・勧誘目的の方、およびペットを連れてのご入店はお断りしております。</p>')).toBe('refuses');
  });

  it('refuses proposals from recruiting agencies and ad vendors', () => {
    expect(verdict('<p>※人材紹介会社様・求人広告会社様からのご提案はお断りしております。</p>')).toBe('refuses');
  });

  it('refuses when the refusal follows a reason clause about the subject', () => {
    expect(verdict('<p>営業電話がとても多いため、現在お断りしております。</p>')).toBe('refuses');
  });

  it('refuses when staff (not the seller) are the subject of a reason clause', () => {
    expect(verdict('<p>スタッフが施術中のため、営業のお電話はご遠慮ください。</p>')).toBe('refuses');
  });

  it('refuses in a display:none accordion panel (hidden panels are read)', () => {
    expect(verdict('<div class="faq__a" style="display:none"><p>A. 営業のご提案はお断りしております。</p></div>')).toBe('refuses');
  });

  it('refuses in a select option and in a textarea placeholder', () => {
    expect(verdict('<form><select><option>製品について</option><option>営業・セールス（ご返信いたしかねます）</option></select></form>')).toBe('refuses');
    expect(verdict('<form><textarea placeholder="お問い合わせ内容（営業目的のご連絡はご遠慮ください）"></textarea></form>')).toBe('refuses');
  });

  it('refuses next to 営業時間 on the same line', () => {
    expect(verdict('<p>営業時間 9:00〜18:00（日曜定休）※営業電話はお断り</p>')).toBe('refuses');
  });

  it.each([
    'No solicitation, please.',
    'NO SOLICITING',
    'We do not accept unsolicited sales calls or emails.',
    'Please do not contact us for sales or marketing purposes.',
    'Sales and marketing inquiries will not be answered.',
    'Solicitations of any kind are not accepted.',
    'This form is not for sales inquiries.',
    'Salespeople are not welcome.',
  ])('refuses English %j', (sentence) => {
    expect(verdict(`<p>${sentence}</p>`)).toBe('refuses');
  });
});

describe('detectRefusal: look-alikes stay clear', () => {
  it('is clear for 営業時間 10:00〜19:00', () => {
    expect(verdict('<dl><dt>営業時間</dt><dd>10:00〜19:00</dd><dt>定休日</dt><dd>火曜日</dd></dl>')).toBe('clear');
  });

  it.each([
    ['営業日', '<p>営業日カレンダー</p><p>※予約のないお客様のご来店はお断りする場合がございます。</p>'],
    ['営業所', '<p>豊田営業所 TEL 0565-31-0002</p>'],
    ['営業部', '<p>製品に関するお問い合わせは営業部までお気軽にご連絡ください。</p>'],
    ['営業職募集', '<h2>営業職募集</h2><p>飛び込み営業は不要！反響営業で成果を出せる仕事です。</p><p>未経験歓迎</p>'],
    ['貸切営業', '<p>本日は貸切営業のため、一般のお客様のご入店はお断りしております。</p>'],
    ['営業中', '<p>営業中の店内撮影はご遠慮ください。</p>'],
    ['営業時間外', '<p>営業時間外のお電話はご遠慮ください。</p>'],
    ['通常営業・営業再開', '<p>本日より通常営業いたします。3/10より営業再開。</p>'],
    ['年末年始の営業', '<h2>年末年始の営業のご案内</h2><p>期間中のご予約はお受けできません。</p>'],
    ['営業車', '<p>営業車での長時間の駐車はご遠慮ください。</p>'],
    ['営業の電話番号', '<p>Q. 営業の電話番号を教えてください。</p><p>A. 営業部 06-6345-1300 です。土日祝はお受けできません。</p>'],
  ])('is clear for %s', (_name, body) => {
    expect(verdict(body)).toBe('clear');
  });

  it.each([
    ['ペット同伴', 'ペット同伴でのご入店はお断りしております。'],
    ['キャンセル', '前日18時以降のキャンセルはお断りしております。'],
    ['持ち込み', '飲食物のお持ち込みはご遠慮ください。'],
    ['撮影', '作品保護のため、店内での撮影はご遠慮ください。'],
    ['予約なしの来店', 'ご予約のないお客様の施術はお断りする場合があります。'],
    ['未成年への販売', '20歳未満の方への酒類の販売はお断りしております。'],
    ['転売目的の購入', '転売目的のご購入はお断りします。'],
    ['セール品の返品', 'セール期間中の返品・交換はお受けできません。'],
    ['営業目的での写真の使用', '営業目的での写真の無断使用・転載を禁止します。'],
    ['Instagram の DM', 'InstagramのDMでのご予約は受け付けておりません。'],
  ])('is clear for a refusal of something else: %s', (_name, sentence) => {
    expect(verdict(`<p>${sentence}</p>`)).toBe('clear');
  });

  it('is clear for a shop selling 「営業お断り」 stickers', () => {
    const item = (name: string) => `<div class="item"><img src="/i.jpg" alt="${name}"><p>${name}</p><p>¥550（税込）</p><button>カートに入れる</button></div>`;
    expect(verdict(item('「営業お断り」ステッカー 横型') + item('セールスお断りプレート') + '<select><option>営業・勧誘お断り</option></select>')).toBe('clear');
  });

  it('is clear for a column on how to refuse sales calls', () => {
    expect(
      verdict(`<h1>営業電話の上手な断り方</h1><p>「営業のお電話はお断りしております」とはっきり伝えましょう。</p>
        <p>お問い合わせページに「営業目的のご連絡はご遠慮ください」と記載しておくのも効果的です。</p><p>営業電話を断るのは失礼ではありません。</p>`),
    ).toBe('clear');
  });

  it('is clear for a column that quotes the law on re-solicitation', () => {
    expect(verdict('<p>特定商取引法では、訪問販売を断った相手への再勧誘は禁止されています。</p>')).toBe('clear');
  });

  it('is clear for a company promising it never makes sales calls', () => {
    expect(verdict('<p>資料請求をいただいても、弊社から営業電話をすることは一切ございません。</p>')).toBe('clear');
    expect(verdict('<p>しつこい勧誘・押し売りは一切いたしません。ご安心ください。</p>')).toBe('clear');
    expect(verdict('<p>当社は、従業員による強引な勧誘を禁止しております。</p>')).toBe('clear');
  });

  it('is clear for a 勧誘方針 (the firm\'s own conduct towards its customers)', () => {
    expect(verdict('<ol><li>お客様のご迷惑となる時間帯や場所での勧誘は行いません。</li><li>お客様が勧誘を望まない旨を示された場合は、勧誘を行いません。</li></ol>')).toBe('clear');
  });

  it('is clear for a 勧誘方針 page, even where its lines read like refusals', () => {
    expect(verdict('<h2>勧誘方針</h2><ol><li>不招請勧誘の禁止：お客様からのご要請がない限り、電話による勧誘は行いません。</li><li>お客様にとって迷惑な時間帯の勧誘は、社内規程によりお断りしております。</li></ol>')).toBe('clear');
  });

  it('is clear for a company that welcomes proposals', () => {
    expect(verdict('<p>新しいサービスのご提案・営業のご連絡も大歓迎です。お気軽にお問い合わせください。</p>')).toBe('clear');
    expect(verdict('<p>取引先様からのご提案・営業のご連絡も、どうぞご遠慮なくお寄せください。</p>')).toBe('clear');
  });

  it('is clear for double negatives', () => {
    expect(verdict('<p>営業目的のお問い合わせもお断りしておりません。</p>')).toBe('clear');
    expect(verdict('<p>営業のご連絡をお断りしているわけではありません。</p>')).toBe('clear');
    expect(verdict('<p>セールスのお電話も禁止ではありません。</p>')).toBe('clear');
  });

  it('is clear for warnings about impostors', () => {
    expect(verdict('<p>当社の社員を名乗る不審な勧誘電話にご注意ください。不審な電話には応じないでください。</p>')).toBe('clear');
  });

  it('is clear for other parties: rules between members', () => {
    expect(verdict('<h2>禁止事項</h2><ol><li>他の会員に対する営業、勧誘、宣伝行為</li></ol>')).toBe('clear');
  });

  it('is clear for a sales-outsourcing company and a call-blocking service', () => {
    expect(verdict('<p>営業電話・テレアポを丸ごと代行します。断られない営業トークで成果を。</p>')).toBe('clear');
    expect(verdict('<p>「コールガード」は、営業電話をお断りする自動音声で、必要な電話だけをおつなぎします。</p>')).toBe('clear');
  });

  it('is clear for commercial use of a rented room', () => {
    expect(verdict('<ol><li>営業目的のご利用（物販・セミナー等）はご遠慮ください。</li></ol>')).toBe('clear');
  });

  it('does not read refusals in scripts, styles, comments or templates', () => {
    expect(
      verdict(`<script>var note = "営業・勧誘のお問い合わせはご遠慮ください";</script><style>/* 営業電話お断り */</style>
        <!-- <p>※営業電話はお断りしております。</p> --><template><p>営業目的のご連絡はお断りいたします。</p></template><p>お問い合わせはこちら</p>`),
    ).toBe('clear');
  });

  it.each([
    'Our solicitors advise on family law and property.',
    'Sales hours: Mon–Fri 9:00–18:00. Contact our sales team for quotes.',
    'We never make unsolicited sales calls.',
    'Add a line like "we do not accept sales calls" to your contact page.',
    'No Soliciting Sign – Brushed Aluminum $12.99',
    'This website does not constitute an offer or solicitation to buy or sell any securities.',
    'Please do not hesitate to contact our sales department.',
    'We welcome proposals from vendors and producers.',
  ])('is clear for English %j', (sentence) => {
    expect(verdict(`<p>${sentence}</p>`)).toBe('clear');
  });
});

describe('detectRefusal: evidence', () => {
  it('keeps the URL, the deciding sentence and the block around it', () => {
    const d = detectRefusal(page('<p>ご相談はお気軽に。誠に恐れ入りますが、営業・勧誘のお電話はお断りしております。TEL 03-1234-5678</p>'), URL);
    expect(d.verdict).toBe('refuses');
    expect(d.evidence).toHaveLength(1);
    expect(d.evidence[0]).toEqual({
      url: URL,
      phrase: '誠に恐れ入りますが、営業・勧誘のお電話はお断りしております。',
      context: 'ご相談はお気軽に。誠に恐れ入りますが、営業・勧誘のお電話はお断りしております。TEL 03-1234-5678',
    });
  });

  it('trims long phrases and contexts', () => {
    const long = 'あ'.repeat(300);
    const d = detectRefusal(page(`<p>${long}。営業電話は${'い'.repeat(30)}お断りします。${long}</p>`), URL);
    expect(d.verdict).toBe('refuses');
    expect(d.evidence[0]!.phrase.length).toBeLessThanOrEqual(120);
    expect(d.evidence[0]!.context.length).toBeLessThanOrEqual(200);
  });

  it('has no evidence when clear, and at most three pieces when refusing', () => {
    expect(detectRefusal(page('<p>営業時間 10:00〜19:00</p>'), URL)).toEqual({ verdict: 'clear', evidence: [] });
    const many = Array.from({ length: 6 }, (_, i) => `<p>営業電話はお断りします（${i}）。</p>`).join('');
    expect(detectRefusal(page(many), URL).evidence).toHaveLength(3);
  });

  it('accepts a parsed page as well as HTML, with the same verdict', () => {
    const html = page('<p>セールスのお電話はお控えください。</p>');
    expect(detectRefusal(parsePage(html), URL)).toEqual(detectRefusal(html, URL));
  });

  it('explains what it rejected and why', () => {
    const findings = explainRefusal(page('<p>当社から営業電話をおかけすることはございません。営業時間外のお電話はご遠慮ください。</p><p>ペット同伴はお断りしております。</p>'));
    expect(findings.every((f) => !f.accepted)).toBe(true);
    const yes = explainRefusal(page('<p>営業電話お断り</p>'));
    expect(yes).toEqual([{ accepted: true, reason: expect.stringContaining('お断り'), sentence: '営業電話お断り' }]);
  });
});
