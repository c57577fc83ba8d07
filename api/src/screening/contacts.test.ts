// Contact details from a page: addresses however the site writes them, never image-only ones,
// and the contact form (on the page, or a hosted form it links to).
import { describe, expect, it } from 'vitest';
import { emailsInText, extractContacts, isFormServiceUrl, validEmail } from './contacts.ts';
import { parsePage } from './page.ts';

const URL_TOP = 'https://www.sakura-dental.jp/';
const URL_CONTACT = 'https://www.sakura-dental.jp/contact/';

/** A page with `body` in a plain layout. */
const page = (body: string, title = '桜デンタルクリニック') => parsePage(`<!DOCTYPE html><html lang="ja"><head><meta charset="UTF-8"><title>${title}</title></head><body>${body}</body></html>`);

describe('extractContacts: emails', () => {
  it('reads a mailto link and drops its subject', () => {
    const found = extractContacts(page('<p><a href="mailto:Info@Sakura-Dental.jp?subject=%E3%81%8A%E5%95%8F%E3%81%84%E5%90%88%E3%82%8F%E3%81%9B">メールを送る</a></p>'), URL_TOP);
    expect(found.emails).toEqual(['info@sakura-dental.jp']);
  });

  it('reads several addresses in one mailto', () => {
    expect(extractContacts(page('<a href="mailto:a@sakura-dental.jp,b@sakura-dental.jp">mail</a>'), URL_TOP).emails).toEqual(['a@sakura-dental.jp', 'b@sakura-dental.jp']);
  });

  it('reads an address written as text, once, however often it appears', () => {
    const found = extractContacts(page('<p>E-mail：office@sakura-dental.jp</p><footer><a href="mailto:office@sakura-dental.jp">office@sakura-dental.jp</a></footer>'), URL_TOP);
    expect(found.emails).toEqual(['office@sakura-dental.jp']);
  });

  it.each([
    ['info[at]sakura-dental.jp', 'info@sakura-dental.jp'],
    ['info (at) sakura-dental.jp', 'info@sakura-dental.jp'],
    ['info＠sakura-dental.jp', 'info@sakura-dental.jp'],
    ['ｉｎｆｏ＠ｓａｋｕｒａ－ｄｅｎｔａｌ．ｊｐ', 'info@sakura-dental.jp'],
    ['info&#64;sakura-dental.jp', 'info@sakura-dental.jp'],
    ['info at sakura-dental.jp', 'info@sakura-dental.jp'],
    ['info[at]sakura-dental[dot]jp', 'info@sakura-dental.jp'],
    ['info★sakura-dental.jp（★を@に変えてください）', 'info@sakura-dental.jp'],
    ['info■sakura-dental.jp ※■を半角の@に置き換えて送信してください', 'info@sakura-dental.jp'],
    ['salon アットマーク sakura-dental.jp', 'salon@sakura-dental.jp'],
  ])('undoes the obfuscation %s', (written, email) => {
    expect(extractContacts(page(`<p>メールアドレス：${written}</p>`), URL_CONTACT).emails).toEqual([email]);
  });

  it('does not collect an address shown only as an image, nor one only in alt text', () => {
    expect(extractContacts(page('<p><img src="/img/mail.png" alt="メールアドレス"></p>'), URL_CONTACT).emails).toEqual([]);
    expect(extractContacts(page('<p><img src="/img/mail.png" alt="info@sakura-dental.jp"></p>'), URL_CONTACT).emails).toEqual([]);
  });

  it('still collects an address written as text beside the same address as an image', () => {
    expect(extractContacts(page('<p><img src="/img/mail.png" alt="info@sakura-dental.jp"></p><p>info@sakura-dental.jp</p>'), URL_CONTACT).emails).toEqual(['info@sakura-dental.jp']);
  });

  it('finds nothing on a page without addresses', () => {
    expect(extractContacts(page('<p>お問い合わせはお電話にて承ります。TEL：03-1234-5678</p>'), URL_CONTACT)).toEqual({ emails: [], contactForms: [] });
  });

  it('ignores image names, placeholders, error-tracker and example addresses', () => {
    const body = '<img src="/img/logo@2x.png" alt=""><p>logo@2x.png</p><input type="email" placeholder="例）taro@example.com"><p>sample@example.co.jp</p><script>Sentry.init({dsn:"https://abc@o1.ingest.sentry.io/1"})</script><p>0123456789abcdef0123456789abcdef@sentry-next.wixpress.com</p>';
    expect(extractContacts(page(body), URL_TOP).emails).toEqual([]);
  });

  it('does not read "visit us at www.x.jp" as an address', () => {
    expect(emailsInText('Visit us at www.sakura-dental.jp or find us at sakura-dental.jp')).toEqual([]);
  });
});

describe('validEmail', () => {
  it('lower-cases plausible addresses and refuses the rest', () => {
    expect(validEmail('Taro.Yamada+shop@Mail.Example-Shop.co.jp')).toBe('taro.yamada+shop@mail.example-shop.co.jp');
    expect(validEmail('info@localhost')).toBeNull();
    expect(validEmail('info@x')).toBeNull();
    expect(validEmail('a..b@x.jp')).toBeNull();
    expect(validEmail('icon@3x.webp')).toBeNull();
    expect(validEmail('info@example.jp')).toBeNull();
  });
});

describe('extractContacts: contact form', () => {
  const form = `<form action="/contact/send.php" method="post"><dl>
<dt><label for="n">お名前</label></dt><dd><input id="n" name="name"></dd>
<dt><label for="b">お問い合わせ内容</label></dt><dd><textarea id="b" name="message"></textarea></dd></dl>
<button type="submit">確認画面へ進む</button></form>`;

  it('answers the page URL of a form that asks for a message', () => {
    expect(extractContacts(page(form, 'お問い合わせ｜桜デンタル'), URL_CONTACT).contactForms).toEqual([URL_CONTACT]);
  });

  it('counts a posting form on a contact page even without a message label', () => {
    const short = '<form action="confirm.php" method="post"><input name="name" placeholder="お名前"><button>送信</button></form>';
    expect(extractContacts(page(short, 'お問い合わせ'), URL_CONTACT).contactForms).toEqual([URL_CONTACT]);
  });

  it('does not take a site search for a contact form', () => {
    const search = '<form action="/search" method="get"><input name="q" placeholder="サイト内検索"></form>';
    expect(extractContacts(page(search), URL_TOP).contactForms).toEqual([]);
  });

  it.each([
    'https://docs.google.com/forms/d/e/1FAIpQLSf-abc/viewform',
    'https://forms.gle/AbCdEf123',
    'https://form.run/@sakura-1234',
    'https://tayori.com/form/0123abcd',
    'https://share.hsforms.com/1abcdEFG',
  ])('answers an external form link %s', (url) => {
    const found = extractContacts(page(`<p>お問い合わせは<a href="${url}" target="_blank">こちらのフォーム</a>から</p>`), URL_CONTACT);
    expect(found.contactForms).toEqual([url]);
  });

  it('does not take other Google Docs links for a form', () => {
    expect(isFormServiceUrl(new URL('https://docs.google.com/document/d/abc/edit'))).toBe(false);
    expect(isFormServiceUrl(new URL('https://docs.google.com/forms/d/abc/viewform'))).toBe(true);
  });
});
