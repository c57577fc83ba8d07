// Does this page refuse sales contact (営業お断り)? Pure: parsed page (or HTML) and its URL in,
// verdict and the sentences that decided out. Calling or mailing a business that published a
// refusal wastes its owner's day, and for email breaks 特定電子メール法, so the pipeline drops
// `refuses` leads; a wrong `refuses` costs the seller a lead, a wrong `clear` costs a business
// an unwanted call. Both matter; the rules below lean to precision only where a reading is truly
// ambiguous.
//
// How a page is read (features and scopes, not a list of sentences):
// 1. Units. Each block (page.ts) is compacted (spaces between Japanese characters dropped: source
//    line breaks, letter-spacing) and split into sentences at 。！？!? and note marks (※■●…).
//    A sentence that ends its block without punctuation is also read joined with the next one or
//    two: <br>-wrapped notices (even a <br> inside a word: ご遠<br>慮), th/td and dt/dd pairs
//    ("営業・勧誘" | "固くお断りいたします"). Cushion phrases (恐れ入りますが、申し訳ございませんが、)
//    and spelling variants (致します, 下さい, 御遠慮, 問合せ, 受付け…) are folded for matching only.
// 2. In a sentence, a SUBJECT is a sales-contact phrase: 営業 in the selling sense (営業電話,
//    営業のご連絡, 営業目的, 飛び込み営業, 営業・勧誘, 営業の方…, or bare 営業 directly before a
//    refusal: 営業お断り, 営業は一切お断り), セールス, 勧誘, 売り込み, 訪問販売, 広告メール,
//    テレアポ, 業者からの連絡… 営業 followed by 時間/日/所/部/職/中/再開… never forms one, and
//    bare 営業 after 貸切/通常/臨時/年末年始の… is business, not selling.
// 3. A PREDICATE is a refusal in a performative form: お断りいたします/しております/お断り(。)、
//    ご遠慮ください, 禁止です, お控えください, 受け付けておりません, 対応いたしかねます,
//    お受けできません, 不要です, NG, ご容赦ください, 〜ないでください, 拒否します… The text
//    after the predicate decides its polarity: お断りしておりません / ご遠慮なく / 禁止ではない
//    are negated; お断りする方法 / 断り方 / お断りできる / お断りステッカー / お断りされた are
//    mentions, not refusals.
// 4. Scope: the subject precedes the predicate in the same clause (no contrastive boundary
//    ますが、/ただし between them; a reason clause ので、/ため、 only when the subject is the topic,
//    営業電話は…ので、おやめください, or the refusal after it has no object of its own,
//    営業電話が多いため、現在お断りしております), within 50 characters; the head noun just before
//    the predicate must not be another object (ペット, キャンセル, 撮影, 持ち込み…) unless the
//    subject is coordinated with it (営業目的の方、およびペットの同伴は); a purpose subject
//    (営業目的, 営利目的) needs a contact noun (問い合わせ, 電話, フォーム, 方…) in the sentence to
//    refuse contact rather than commercial use of photos or rooms.
// 5. Vetoes on the sentence: first-person agent before the subject (弊社から営業電話をすることは…,
//    従業員による強引な勧誘を禁止) — the company speaking of its own conduct; other parties
//    (他の会員に対する勧誘, お客様への勧誘); warnings about impostors (当社を名乗る…にご注意);
//    law described in the passive (再勧誘は禁止されています); advice (伝えましょう, 効果的です);
//    the refusal quoted as a name or reported speech (「営業お断り」ステッカー, 〜と記載); a job ad
//    (飛び込み営業は不要！ near 募集/未経験/月給); on a page that sells signs, bare sign texts
//    (営業・勧誘お断り as a product option); on a 勧誘方針 page, 勧誘 sentences (the firm's own
//    selling rules).
// 6. Across sentences: a list after a forward-looking refusal (以下のお問い合わせにはお答え
//    いたしかねます: ・営業・セールスのご案内), an FAQ answer to a question about sales
//    (Q. 営業の電話をしても？ A. お断りしております), and a heading addressed to salespeople
//    (営業の方へ) followed by a refusal.
// 7. English: "no solicitation(s)/soliciting", "we do not accept (unsolicited) sales calls",
//    "sales and marketing inquiries will not be answered", "solicitors will be turned away";
//    not "solicitor" the lawyer, "sales hours", "we never make sales calls", "how to stop sales
//    calls", "does not constitute a solicitation", "do not hesitate to contact our sales team".
import type { Evidence } from '../../../shared/contract.ts';
import { parsePage, type ParsedPage } from './page.ts';

export interface Detection {
  verdict: 'refuses' | 'clear';
  evidence: Evidence[];
}

/** One candidate the detector weighed, for debugging and tests (explainRefusal). */
export interface Finding {
  accepted: boolean;
  /** Why it was accepted (rule) or rejected (veto). */
  reason: string;
  sentence: string;
}

const MAX_EVIDENCE = 3;
const PHRASE_MAX = 120;
const CONTEXT_MAX = 200;

export function detectRefusal(page: ParsedPage | string, url: string): Detection {
  const findings = analyse(typeof page === 'string' ? parsePage(page) : page);
  const evidence: Evidence[] = [];
  const seen = new Set<string>();
  for (const f of findings) {
    if (!f.accepted || seen.has(f.phrase)) continue;
    seen.add(f.phrase);
    evidence.push({ url, phrase: f.phrase, context: f.context });
    if (evidence.length >= MAX_EVIDENCE) break;
  }
  return { verdict: evidence.length > 0 ? 'refuses' : 'clear', evidence };
}

/** Every candidate sentence the detector weighed on the page, accepted or not, with the reason. */
export function explainRefusal(page: ParsedPage | string): Finding[] {
  return analyse(typeof page === 'string' ? parsePage(page) : page).map(({ accepted, reason, sentence }) => ({
    accepted,
    reason,
    sentence,
  }));
}

// ---------------------------------------------------------------------------------------------
// Units: compacted sentences with their block.

interface Unit {
  block: number;
  /** Compacted sentence as read (for evidence). */
  text: string;
  /** Canonical form for matching (spelling variants folded), computed on first use. */
  readonly canon: string;
  /** Last sentence of its block. */
  last: boolean;
  /** Ends with sentence punctuation. */
  terminated: boolean;
  /** Cheap gates: may hold a subject / a refusal predicate. */
  maySubject: boolean;
  mayRefuse: boolean;
}

interface InternalFinding extends Finding {
  phrase: string;
  context: string;
}

// Spaces next to a non-ASCII character are layout (line breaks in the source, letter-spacing
// with 　); spaces between ASCII words are English.
const LAYOUT_SPACE = /\s+(?=[^\x00-\x7F])|(?<=[^\x00-\x7F])\s+/g;
const compact = (s: string) => (/\s/.test(s) ? s.replace(LAYOUT_SPACE, '') : s);

// Sentence ends: Japanese and ASCII terminators (a '.' only when it is not inside a number), and
// a break before note and bullet marks.
const SENTENCE = /[^。!?！？.※■□●◆◇▼▶★☆◎]+(?:[。!?！？]+|\.(?!\d)|$|(?=[※■□●◆◇▼▶★☆◎]))|[※■□●◆◇▼▶★☆◎][^。!?！？.※■□●◆◇▼▶★☆◎]*(?:[。!?！？]+|\.(?!\d)|$|(?=[※■□●◆◇▼▶★☆◎]))|\./g;
const TERMINATED = /[。!?！？.]$/;

const SENTENCE_MARK = /[。!?！？.※■□●◆◇▼▶★☆◎]/;

function splitSentences(block: string): string[] {
  // Most blocks (menu items, cells, headings) hold one sentence at most.
  const mark = SENTENCE_MARK.exec(block);
  if (mark === null || (mark.index === block.length - 1 && !/[※■□●◆◇▼▶★☆◎]/.test(mark[0]))) return block === '' ? [] : [block];
  const out: string[] = [];
  for (const m of block.matchAll(SENTENCE)) {
    const s = m[0].trim();
    if (s !== '' && s !== '.') out.push(s);
  }
  return out;
}

// Spelling variants folded for matching only (evidence shows the page's own text).
const CANON: [RegExp, string][] = [
  // Cushion phrases carry no meaning for the decision but look like clause ends (〜ますが、).
  [/(?:誠に|大変|まことに|たいへん)?(?:申し訳(?:ございません|ありません|ないのです|ないです)が|恐れ入りますが|恐縮ですが|恐縮ながら|勝手ながら|失礼ながら|あいにくですが|残念ながら|お手数ですが)[、,]?/g, ''],
  [/致/g, 'いた'],
  [/頂/g, 'いただ'],
  [/下さ/g, 'くださ'],
  [/出来/g, 'でき'],
  [/御(?=断)/g, 'お'],
  [/御(?=遠慮|容赦|勘弁)/g, 'ご'],
  [/御(?=控)/g, 'お'],
  [/おことわり/g, 'お断り'],
  [/ことわり/g, '断り'],
  [/断わ/g, '断'],
  [/ごえんりょ/g, 'ご遠慮'],
  [/えんりょ/g, '遠慮'],
  [/えいぎょう/g, '営業'],
  [/かんゆう/g, '勧誘'],
  [/うりこみ/g, '売り込み'],
  [/(?:お|ご)?問合わ?せ|(?:お|ご)?問い合せ/g, 'お問い合わせ'],
  [/受付け/g, '受け付け'],
  [/受付(?=て|いた|し|でき|不可|ません|ており|かね|を)/g, '受け付け'],
  [/売込み?/g, '売り込み'],
  [/飛込み?/g, '飛び込み'],
  [/押売り?/g, '押し売り'],
  [/取次/g, '取り次'],
  [/申上げ/g, '申し上げ'],
  [/差し?控え/g, '控え'],
  [/事(?=[がはもにとで])/g, 'こと'],
  [/[“”＂]/g, '"'],
  [/[『]/g, '「'],
  [/[』]/g, '」'],
];

function canonical(s: string): string {
  let c = s;
  for (const [re, to] of CANON) c = c.replace(re, to);
  return c;
}

// Gates on the raw text (spelling variants included) so that most sentences of a page — menus,
// prices, addresses — skip the canonical form and the pattern sets.
const SUBJECT_GATE = /営業|えいぎょう|セールス|勧誘|かんゆう|売り?込|うりこみ|押し?売|販売|広告|宣伝|販促|テレアポ|テレマ|業者|ダイレクトメール|営利|商用|PR|プロモーション|コール|会社|代理店|媒体/i;
const REFUSAL_GATE =
  /断|ことわり|遠慮|えんりょ|禁|控え|受け|受付|承|対応|応対|返信|回答|返答|返事|答え|応え|取り?次|つなぎ|繋ぎ|取り?扱|確認|検討|相手|付き合|応じ|不要|必要|いり|要り|間に合|結構|NG|容赦|勘弁|やめ|止め|辞め|ないで|ないよう|利用|使用|削除|破棄|無視|拒否|拒絶|謝絶/i;

class SentenceUnit implements Unit {
  readonly terminated: boolean;
  readonly maySubject: boolean;
  readonly mayRefuse: boolean;
  #canon: string | undefined;
  constructor(
    readonly block: number,
    readonly text: string,
    readonly last: boolean,
  ) {
    this.terminated = TERMINATED.test(text);
    this.maySubject = SUBJECT_GATE.test(text);
    this.mayRefuse = REFUSAL_GATE.test(text);
  }
  get canon(): string {
    return (this.#canon ??= canonical(this.text));
  }
}

function unitsOf(blocks: string[]): Unit[] {
  const units: Unit[] = [];
  blocks.forEach((raw, block) => {
    const sentences = splitSentences(compact(raw));
    sentences.forEach((text, i) => {
      units.push(new SentenceUnit(block, text, i === sentences.length - 1));
    });
  });
  return units;
}

// ---------------------------------------------------------------------------------------------
// Subjects.

type SubjectKind = 'contact' | 'purpose' | 'bare' | 'addressee';
interface Span {
  start: number;
  end: number;
  text: string;
}
interface Subject extends Span {
  kind: SubjectKind;
}

const CONTACT_WORDS =
  '電話(?!番号|受付|窓口|口)|TEL|テレフォン|コール|メール(?!アドレス)|Eメール|e-?mail|mail|FAX|ファックス|ファクス|ファクシミリ|DM|ダイレクトメール|連絡(?!先)|お問い合わせ(?!先|窓口)|問い合わせ(?!先|窓口)|案内|提案|訪問|来社|来訪|来店|来院|入館|入店|面会|アポ|アポイント|レター|チラシ|郵便|郵送|送信|送付|メッセージ|話|声かけ|声掛け|依頼|相談|電話等|営業';
const CONTACT_NOUN = `(?:お|ご)?(?:${CONTACT_WORDS})`;
const COORD = '(?:・|、|,|/|や|及び|および|または|又は|もしくは|並びに|とか|と)';
const SALES_WORD = '(?:お|ご)?(?:電話|メール|勧誘|セールス|売り込み|宣伝|広告|販売|提案|訪問|案内|DM|FAX|PR|求人|押し売り|テレアポ)';

// Bare 営業 after these is the business being open (貸切営業, 年末年始の営業), not selling.
const BUSINESS_LEFT =
  /(?:貸切|貸し切り|通常|臨時|時短|短縮|深夜|夜間|夜|昼|終日|無休で?|時間|本日の?|当日の?|年末年始の?|休日の?|祝日の?|土日の?|平日の?|店舗の?|通し|元気に|変わらず|引き続き|一部|特別|期間限定|限定)$/;

const SUBJECT_PATTERNS: [RegExp, SubjectKind, { leftCheck?: boolean }?][] = [
  // 営業 + contact noun: 営業電話, 営業のご連絡, 営業に関するお問い合わせ, 営業目的のメール…
  [new RegExp(`営業(?:用|上|等|など)?(?:の|に関する|に関わる|関連の|関係の|についての|を目的とした|を目的とする|目的の|目的での?|系の|・勧誘の|・セールスの|・勧誘等の|等の|などの)?${CONTACT_NOUN}`, 'gi'), 'contact', { leftCheck: true }],
  [/営業(?:活動|行為|マン|ウーマン|パーソン|レディ|の方|担当の方|担当者の方|担当者様|の人|さん|の皆様|の皆さま|の業者|トーク|攻勢|の方々)/g, 'contact'],
  [/営業(?:目的|を目的)/g, 'purpose'],
  [/(?:飛び込み|電話|メール|FAX|ファックス|訪問|テレアポ|テレ|押し売り|押し込み|しつこい|強引な|無差別な?|一方的な|アポなし|アポイントなし|突然の|無断の?|迷惑な?|DM|飛び込みでの|新規|ルート|テレフォン)営業/gi, 'contact'],
  [new RegExp(`営業${COORD}${SALES_WORD}`, 'g'), 'contact', { leftCheck: true }],
  [new RegExp(`(?:勧誘|セールス|売り込み|宣伝|広告|販売|提案|PR|求人)${COORD}(?:お|ご)?営業`, 'g'), 'contact'],
  [/営業/g, 'bare', { leftCheck: true }],
  [/セールス(?!フォース|ポイント|タート|ランキング|ランク|期間|中|価格|品|情報|実績|部|部門|職|エンジニア|ディレクター|マネージャー|チーム|テック|力|プロモーション|レップ|ライティング|コピー|ページ|サイクル|ファネル|ス)/g, 'contact'],
  [/(?<!再|不招請)勧誘/g, 'contact'],
  [/売り込み|押し売り|押し付け販売/g, 'contact'],
  [/(?:訪問|電話|押し|押しつけ|飛び込み|飛び込みでの|キャッチ)販売|販売(?:・勧誘|や勧誘|勧誘|の(?:お|ご)?(?:電話|連絡|案内|提案|勧誘|営業|セールス)|業者の方|員の方)/g, 'contact'],
  [/販売(?:目的|を目的)/g, 'purpose'],
  [new RegExp(`(?:広告|宣伝|販促|PR|プロモーション)(?:${COORD}(?:広告|宣伝|販促|営業|勧誘|セールス))*(?:目的の?|を目的とした|を目的とする|目的での?|の|に関する)?(?:お|ご)?(?:メール|電話|FAX|DM|連絡|案内|提案|送信|お問い合わせ|問い合わせ|営業|勧誘|掲載の(?:お|ご)?(?:案内|依頼|提案|営業|勧誘)|掲載依頼|出稿の(?:ご)?(?:案内|提案|依頼))`, 'g'), 'contact'],
  [/(?:広告|宣伝|営利|商用|セールス)(?:目的|を目的)/g, 'purpose'],
  [/テレアポ|テレマーケティング|テレマ(?!ーク)|アウトバウンドコール|コールドコール|営業コール|ダイレクトメール/g, 'contact'],
  [new RegExp(`業者(?:様|の方|さん|の皆様)?(?:から|より)?の?${CONTACT_NOUN}`, 'g'), 'contact'],
  [/業者(?:様|の方|さん)/g, 'bare'],
  [new RegExp(`(?:紹介会社|広告会社|広告代理店|代理店|求人媒体|媒体社|人材会社|派遣会社|制作会社|業者)(?:様|の方|各社)?(?:から|より)?の?(?:お|ご)?(?:提案|営業|案内|売り込み|アプローチ|${CONTACT_WORDS})`, 'g'), 'contact'],
  [/(?:飛び込み|飛び込みでの)(?:訪問|セールス|ご?来社)/g, 'contact'],
];

const ADDRESSEE = /(?:営業|セールス|業者|販売業者|代理店|営業代行)(?:の方|の皆様|の皆さま|様|の方々|関係者の方|会社様)?(?:へ|各位)(?:の(?:お願い|お知らせ))?[:：]?$/;

function findSubjects(c: string): Subject[] {
  const out: Subject[] = [];
  for (const [re, kind, opts] of SUBJECT_PATTERNS) {
    re.lastIndex = 0;
    for (const m of c.matchAll(re)) {
      const start = m.index;
      const text = m[0];
      if (opts?.leftCheck && /^営業/.test(text) && BUSINESS_LEFT.test(c.slice(Math.max(0, start - 8), start))) {
        // 年末年始の営業のご案内 is about opening days; 深夜の営業電話 is still a sales call.
        if (kind === 'bare' || /(?:案内|相談|依頼|話|・|、|や|と)/.test(text.slice(2, 6))) continue;
      }
      // 営業案内 (a company brochure) and 営業所/営業時間… are not selling.
      if (kind === 'contact' && /^営業(?:案内|相談)/.test(text)) continue;
      out.push({ start, end: start + text.length, text, kind });
    }
  }
  return out;
}

// Quick filter: a unit without any of these cannot hold a subject.
const SUBJECT_HINT = /営業|セールス|勧誘|売り込み|押し売り|販売|広告|宣伝|販促|テレアポ|テレマ|業者|ダイレクトメール|営利|商用|PR|プロモーション|コール|会社|代理店|媒体/i;

// ---------------------------------------------------------------------------------------------
// Predicates.

type Polarity = 'refuse' | 'negated' | 'mention';
interface Predicate extends Span {
  polarity: Polarity;
  /** Heads a list (禁止事項, お断りしているもの：) rather than closing a clause. */
  forward: boolean;
  /** Passive (禁止されています): describes a rule rather than making one. */
  passive: boolean;
}

const END = '(?:$|[!！。、,・/）)\\]】」〉>~\\-]|\\s)';

interface PredicateDef {
  core: RegExp;
  negated?: RegExp;
  perf?: RegExp; // tails that make it a refusal; without one it is a mention
  always?: boolean; // the core is already a complete refusal (受け付けておりません)
}

const PREDICATES: PredicateDef[] = [
  {
    core: /お断り|断り(?=ます|いたし|申し上げ|します|しており|しています|させて)/g,
    negated:
      /^(?:を|は)?(?:(?:して|いたして)(?:おり|い)ませ|(?:いたし|し)ません|すること(?:は|も)(?:ありませ|ございませ|な)|する(?:もの|わけ|つもり|必要|理由)(?:では|は)|しているわけでは|ではな|ではありませ|ではございませ|しない|せず|できな|できませ|されな|してな|してはおりませ)/,
    perf: new RegExp(
      `^(?:${END}|(?:を|は)?(?:いたします|いたしており|いたしています|いたしまして|します|しており|しています|してます|させていただ|させてもら|させて|申し上げ|いたす|する場合|すること(?:が|も)?(?:あり|ござい)|することと|することにして|させていただく場合|している(?:ため|ので|旨|ことを|こと)|しているため|(?:して|いたして)いる(?:もの|内容|ご連絡|お問い合わせ)[:：]|する(?:もの|内容)[:：])|です|でございます|だ|とな|とさせ|とし|中|の(?:お願い|お知らせ|ご案内|ご連絡|旨)|ください|ですので|につき|して(?:おり|い)ます|いたしており|ます|いたします|一切)`,
    ),
  },
  {
    core: /ご?遠慮/g,
    negated: /^(?:なく|無く|なさらず|せず|しないで|は(?:いりませ|要りませ|無用|不要|ございませ|ご無用|必要ありませ)|いただく必要は|いただかなくて|する必要は)/,
    perf: /^(?:ください|くださ|願|ねがい|いただ(?:き|いて|けます|けれ|けますよう|く(?:場合|こと|よう))|をお願い|をおねがい|して(?:ください|いただ|くださ|もら)|させて|申し上げ|のほど|されたし)/,
  },
  {
    core: /禁止|厳禁|禁じ/g,
    negated: /^(?:されていませ|されておりませ|されてな|しておりませ|していませ|ではありませ|ではございませ|ではな|しませ|いたしませ|はしておりませ|はしていませ|にはなっておりませ|されるわけでは|られていませ)/,
    perf: new RegExp(
      `^(?:${END}|します|いたします|いたしており|しており|しています|してます|です|でございます|となっております|となって|となります|とします|としており|とさせていただ|といたします|とする|と(?:して|いたして)(?:おり|い)ます|されております|されています|されて|させていただ|ます|ており|ています|られており|られています|事項|中|申し上げ|行為)`,
    ),
  },
  {
    core: /(?:お)?控え/g,
    perf: /^(?:ください|くださ|願|いただ(?:き|け|いて|く)|をお願い|て(?:ください|くださ|いただ|もら)|くださいますよう)/,
  },
  {
    core: /(?:受け付け|うけつけ)(?:て(?:おり|い)ませ|ておらず|ない|いたして?おりませ|いたしかね|かね|しかね|いたしませ|しませ|ませ|できませ|でき(?:かね|な)|不可)|受け付けを(?:して|いたして)?(?:おりませ|いませ|停止|中止)|(?:お)?受け(?:いたし|し|でき|られ)?(?:かね|て(?:おり|い)ませ|ませ|できませ|いたしませ)|承(?:り|って)(?:かね|おりませ|いませ|ませ)|受付(?:は|を|も)?(?:一切|いっさい)?(?:して|いたして|致して)(?:おり|い)ませ|受付(?:は|を|も)?(?:いたし|し)(?:かね|ませ)|受付(?:不可|停止中)|お?引き?受け(?:でき|いたし|し)?(?:かね|ませ|て(?:おり|い)ませ)/g,
    negated: /^ん?(?:わけでは|というわけ|ことはな|ことはありませ)/,
    always: true,
  },
  {
    core: /(?:ご|お)?(?:対応|応対|返信|回答|返答|返事|答え|応え|取り次ぎ?|つなぎ|繋ぎ|取り扱い|取扱い|確認|検討|相手|付き合い)(?:は|も|を|には)?(?:一切|いっさい|全て|すべて)?(?:いたし|し|でき|させていただき?|させて|いたしており)?(?:かね|ませ|て(?:おり|い)ませ|ておらず|ないこと|ない方針|られませ|ておりませ)|応じ(?:かね|られませ|て(?:おり|い)ませ|ませ|ない方針|ないこと)/g,
    negated: /^ん?(?:わけでは|ということは)/,
    always: true,
  },
  {
    core: /不要/g,
    perf: new RegExp(`^(?:${END}|です|でございます|となります|につき|ですので|とさせて|とします)`),
  },
  {
    core: /(?:必要|いり|要り)(?:ませ|ございませ)|必要(?:としておりませ|ありませ|ございませ)|間に合って(?:おり|い)ます|は結構です/g,
    always: true,
  },
  {
    core: /(?<![A-Za-z])NG(?![A-Za-z])/g,
    perf: new RegExp(`^(?:${END}|です|でございます|となります|とさせて|とします)`),
  },
  {
    core: /ご?(?:容赦|勘弁)/g,
    perf: /^(?:ください|くださ|願|いただ|のほど|を)/,
  },
  { core: /(?:お)?(?:やめ|止め|辞め)(?:ください|くださ|て(?:ください|くださ|いただ|もら))/g, always: true },
  {
    core: /(?<!応じ|対応し|出|教え|返信し|開か|クリックし|答え|信じ|払わ|支払わ|乗ら|開封し|押さ|タップし|触ら|伝え|気にし|気になさら|遠慮し|遠慮なさら|ためらわ)(?:ないで|ないよう(?:に)?)(?:ください|くださ|いただ|お願い|願い)/g,
    always: true,
  },
  { core: /(?:ご)?(?:利用|使用)(?:は|を)?(?:いただけ|でき)(?:ませ|な)/g, always: true },
  {
    // 営業メールは確認せずに削除いたします / 無視させていただきます: refused by deed.
    core: /削除|破棄|無視/g,
    perf: /^(?:いたします|します|しております|しています|いたしており|させていただ|させて|となります)/,
  },
  {
    core: /拒否|拒絶|謝絶/g,
    perf: new RegExp(`^(?:${END}|します|いたします|いたしており|しており|しています|させていただ|です|とさせて|とします|設定)`),
  },
];

// Tails that turn any predicate into a mention: 断り方, お断りステッカー, お断りされた…
const MENTION_TAIL = /^(?:方|する(?:方法|際|時|とき|ため|には|のが|のは|コツ)|され(?:た|る|ず|て(?!おり|い))|できる|できます|したい|したら|すれば|した(?!ます)|しよう|しましょう|しにく|しづら|ステッカー|シール|プレート|看板|マグネット|表示|サイン|札|ボード|の(?:仕方|方法|コツ|例|文言|テンプレート|ステッカー|シール|旨を)|について)/;

function findPredicates(c: string): Predicate[] {
  const out: Predicate[] = [];
  for (const def of PREDICATES) {
    def.core.lastIndex = 0;
    for (const m of c.matchAll(def.core)) {
      const start = m.index;
      let end = start + m[0].length;
      const tail = c.slice(end, end + 24);
      let polarity: Polarity;
      // 営業電話お断り、ではありません: the negation may follow a comma or a closing quote.
      if (def.negated?.test(tail) || def.negated?.test(tail.replace(/^[、,」"]+/, ''))) polarity = 'negated';
      else if (!def.always && MENTION_TAIL.test(tail)) polarity = 'mention';
      else if (def.always) polarity = 'refuse';
      else {
        const perf = def.perf?.exec(tail);
        polarity = perf ? 'refuse' : 'mention';
        if (perf) end += perf[0].length;
      }
      // Extend over the polite ending so reported speech after it can be seen (〜しております」と).
      const rest = /^[^。!?、,」"]{0,12}/.exec(c.slice(end));
      const fullEnd = end + (rest ? rest[0].length : 0);
      const forward = /^(?:事項|しているもの|いたしているもの|するもの|いただきたい|[:：])/.test(c.slice(start + m[0].length)) || /[:：]/.test(c.slice(end, fullEnd + 1));
      const passive = /^(?:され|られ)/.test(c.slice(start + m[0].length));
      out.push({ start, end: fullEnd, text: m[0], polarity, forward, passive });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

// ---------------------------------------------------------------------------------------------
// Scope and vetoes.

// Objects a refusal can have that are not sales contact.
const OTHER_OBJECT =
  /(?:ペット|同伴|キャンセル|持ち込み|持込|撮影|駐車|駐輪|喫煙|返品|返金|交換|転売|転載|複製|無断使用|使用|引用|録音|録画|予約|変更|値引き|値下げ|後払い|ツケ|分割|試着|試食|リンク|二次利用|加工|入場|写真|画像|動画|飲食|アップロード)(?:等|など)?$/;
const HEAD_STRIP = /(?:(?:等|など)?(?:の|は|も|を|に|が|には|へは|については|につきましては|に関しては|に関しましては|、|,|\s)|一切|いっさい|すべて|全て|固く|かたく|堅く|原則として|原則|誠に勝手ながら|申し訳ありませんが|申し訳ございませんが|恐れ入りますが|お|ご)+$/;
const PERSON_OR_CONTACT_WORDS = `${CONTACT_WORDS}|方|者|人|業者|皆様|皆さま|行為|活動|フォーム|窓口|立ち入り|立入り`;
const PERSON_OR_CONTACT = new RegExp(`(?:${PERSON_OR_CONTACT_WORDS})$`, 'i');
const PERSON_OR_CONTACT_ANYWHERE = new RegExp(PERSON_OR_CONTACT_WORDS, 'i');

const STRONG_BOUNDARY =
  /(?:ます|です|ません|ました|でした|ございます|ございません|ください|ない|だ|た)(?:が|けど|けれど(?:も)?|し)[、,]|(?:ただし|但し|なお|一方|しかし)[、,]?|[。!?]/;
const WEAK_BOUNDARY = /(?:ので|ため|から|につき|により|によって)[、,]/;
const TOPIC_AFTER_SUBJECT = /^(?:等|など)?(?:は|につきましては|については|に関しては|に関しましては)/;
const BARE_GAP =
  /^(?:等|など)?(?:の|は|も|を|に|には|について(?:は)?|に関して(?:は)?|に関しましては|につきましては)?[、,]?(?:一切|いっさい|すべて|全て|固く|かたく|堅く|原則|原則として|誠に勝手ながら|申し訳ありませんが|恐れ入りますが|、|,)*$/;

// The company as the doer: 弊社から営業電話をすることは…, 従業員による強引な勧誘を禁止.
const FIRST_PERSON_AGENT =
  /(?:弊社|当社|当店|当院|当方|私ども|わたくしども|私たち|わたしたち|弊所|当事務所|当法人|当サロン|当クリニック|当館|当協会|グループ|スタッフ|社員|従業員|担当者|営業担当|募集人|代理店)(?:から(?!の?(?:お願い|お知らせ|ご案内|皆様|皆さま|お客様))|より(?!の?(?:お願い|お知らせ|ご案内|皆様|皆さま|お客様))|による|が|の側から)/;
const OTHER_PARTY =
  /(?:他の|ほかの)(?:会員|利用者|ユーザー|お客様|お客さま|参加者|入居者|受講生|生徒|出店者|来場者|方)|利用者間|会員間|会員同士|(?:お客様|お客さま|顧客|利用者|会員|ご契約者|消費者|入居者|参加者|来場者)(?:への|に対する|に対して|様への)/;
const SELF_CONDUCT = /(?:強引な|しつこい|執拗な|無理な|不当な|不適切な|過度な|断定的な?|迷惑を?かける)(?:勧誘|営業|セールス|売り込み)/;
const SCAM = /名乗|装った|装う|騙る|かたる|偽の|偽り|不審な|詐欺|なりすまし|成りすまし|ご注意|注意して|お気をつけ|気を付け|気をつけ|悪質な業者|悪徳/;
const LAW = /特定商取引法|特商法|不招請|法律|条例|法令|法で|法上|法的|規制|違反|罰則|再勧誘|とされ|定められ|禁じられ/;
const ADVICE = /ましょう|しよう|べき|おすすめ|オススメ|効果的|有効です|のが一番|大切です|重要です|ポイントです|かもしれません|撃退|断り方|断る方法|対処法|例文|文例|フレーズ/;
const EXAMPLE_CONTEXT = /例文|文例|記載例|文言例|例[:：)）]|テンプレート|フレーズ|言い方|伝え方|サンプル/;
const RECRUIT = /未経験|ノルマ|歓迎|稼げ|働|仕事|求人|募集|採用|応募|月給|年収|時給|インセンティブ|職種|スタイル|経験|成果|スキル/;
const REPORTED = /^[^。]{0,3}?[」"]?[、,]?と(?:伝|言|い[うっわ]|書|記|明記|表示|掲|貼|答|返|申し|断|はっきり|きっぱり|丁寧|お伝え|して|の(?:文言|表示)|お願い)/;

interface Judged {
  accepted: boolean;
  reason: string;
}

function vetoSentence(c: string, s: Subject, p: Predicate): string | null {
  // Only the subject's own clause: in スタッフが不在のため、営業電話は… the staff do not sell.
  const before = c.slice(Math.max(0, s.start - 30), s.start).split(/(?:ため|ので|ますが|ですが|けれど|ず|ないため|ながら)[、,]/).pop()!;
  if (FIRST_PERSON_AGENT.test(before)) return 'first-person: the company speaks of its own conduct';
  if (OTHER_PARTY.test(c.slice(Math.max(0, s.start - 30), s.end))) return 'other party: not contact with the company';
  if (SELF_CONDUCT.test(c) && (p.text.startsWith('禁') || /安心|お約束|方針/.test(c))) return 'self-conduct policy (強引な勧誘を禁止)';
  if (SCAM.test(c)) return 'warning about impostors';
  if (LAW.test(c) && (p.passive || /禁止され|禁じられ|とされ/.test(c))) return 'describes the law';
  if (ADVICE.test(c)) return 'advice or editorial';
  // 飛び込み営業は不要！ in a job ad: the job needs none, nobody is refused.
  if (/^(?:不要|必要|いり|要り)/.test(p.text) && RECRUIT.test(c)) return 'job ad: the work needs no selling';
  if (inQuote(c, p)) return 'quoted as a name, not said';
  if (REPORTED.test(c.slice(p.end))) return 'reported speech (〜と伝える/記載)';
  return null;
}

// Is the predicate inside quotation marks that are not the whole sentence (「営業お断り」ステッカー,
// 「営業お断り」と書いても)?
function inQuote(c: string, p: Predicate): boolean {
  const open = Math.max(c.lastIndexOf('「', p.start), c.lastIndexOf('"', p.start));
  if (open < 0) return false;
  const closeJa = c.indexOf('」', open + 1);
  const closeEn = c.indexOf('"', open + 1);
  const close = c[open] === '「' ? closeJa : closeEn;
  if (close >= 0 && close < p.start) return false;
  const lead = c.slice(0, open).replace(/^[\s※■□●◆◇▼▶★☆◎・【\[(（<〈]+/, '');
  const trail = close < 0 ? '' : c.slice(close + 1).replace(/^[\s。!?！？】\])）>〉]+/, '');
  return lead !== '' || trail !== '';
}

function judgePair(c: string, s: Subject, p: Predicate): Judged {
  const gap = c.slice(s.end, p.start);
  if (gap.length > 50) return { accepted: false, reason: 'subject too far from the refusal' };
  if (s.kind === 'bare' && !BARE_GAP.test(gap)) return { accepted: false, reason: 'bare 営業 not directly refused' };
  if (STRONG_BOUNDARY.test(gap)) return { accepted: false, reason: 'different clause' };
  const weak = WEAK_BOUNDARY.exec(gap);
  if (weak && !TOPIC_AFTER_SUBJECT.test(gap)) {
    // 営業電話が多いため、現在お断りしております: the refusal after the reason clause has no
    // object of its own, so it refuses the subject. With one (…ため、ペットはお断り), it does not.
    const rest = gap.slice(weak.index + weak[0].length);
    if (/[はをがも]/.test(rest.replace(/(?:現在|ただいま|只今|当面|しばらく|一切|すべて|全て|固く)/g, ''))) return { accepted: false, reason: 'different clause (reason clause with its own object)' };
  }
  const head = gap.replace(HEAD_STRIP, '');
  // 営業目的の方、およびペットの同伴はお断り: the subject is one of the things refused.
  const coordinated = /^[^はをがも]{0,12}?(?:、|,)?(?:および|及び|並びに|ならびに|または|又は|もしくは)/.test(gap);
  if (head !== '' && OTHER_OBJECT.test(head) && !PERSON_OR_CONTACT.test(head) && !coordinated) return { accepted: false, reason: `refuses something else (${head.slice(-8)})` };
  if (s.kind === 'purpose') {
    const rest = c.slice(0, s.start) + c.slice(s.end);
    if (!PERSON_OR_CONTACT.test(head) && !PERSON_OR_CONTACT_ANYWHERE.test(rest))
      return { accepted: false, reason: 'commercial purpose, not contact (営業目的での使用)' };
    if (/(?:利用|使用)$/.test(head) && !/フォーム|窓口|お問い合わせ|メール|電話|アドレス/.test(c)) return { accepted: false, reason: 'commercial use, not contact' };
  }
  const veto = vetoSentence(c, s, p);
  if (veto) return { accepted: false, reason: veto };
  return { accepted: true, reason: `${s.kind} subject 「${s.text}」 + refusal 「${p.text}」` };
}

/** Judge one sentence (or joined sentences): the best pair of subject and refusal in it. */
function judgeSentence(c: string): (Judged & { subject?: Subject; predicate?: Predicate }) | null {
  if (!SUBJECT_HINT.test(c)) return null;
  const subjects = findSubjects(c);
  if (subjects.length === 0) return null;
  const predicates = findPredicates(c).filter((p) => p.polarity === 'refuse');
  let rejected: Judged | null = null;
  for (const p of predicates) {
    // Nearest subject before the refusal, trying farther ones if the nearest is rejected.
    const before = subjects.filter((s) => s.end <= p.start && s.kind !== 'addressee').sort((a, b) => b.end - a.end || a.start - b.start);
    for (const s of before) {
      const j = judgePair(c, s, p);
      if (j.accepted) return { ...j, subject: s, predicate: p };
      rejected ??= j;
    }
    // 「お断りしているもの：営業電話、勧誘」: the subject after a colon.
    if (p.forward) {
      const after = subjects.find((s) => s.start >= p.start && /[:：]/.test(c.slice(p.start, s.start)));
      if (after) {
        const veto = vetoSentence(c, after, p);
        if (!veto) return { accepted: true, reason: `refusal 「${p.text}」 heads a list with 「${after.text}」`, subject: after, predicate: p };
        rejected ??= { accepted: false, reason: veto };
      }
    }
  }
  return rejected;
}

// ---------------------------------------------------------------------------------------------
// English.

const EN_SUBJECT =
  /\b(?:solicit(?:ation|ations|ing|ors?)?|sales (?:calls?|emails?|e-mails?|pitch(?:es)?|inquiries|enquiries|people|persons?|reps?|representatives|agents|offers?|proposals?|visits?|solicitations?|messages?|or marketing|and marketing|purposes)|salespeople|salesm[ae]n|salespersons?|cold[- ]?call(?:s|ing|ers)?|cold e-?mails?|telemarket(?:ing|ers?)|robocalls?|marketing (?:calls?|e-?mails?|offers?|inquiries|enquiries|solicitations?|messages?|purposes)|advertising (?:calls?|e-?mails?|offers?|inquiries|proposals?)|promotional (?:calls?|e-?mails?|offers?)|unsolicited (?:[a-z]+ )?(?:calls?|e-?mails?|offers?|proposals?|pitch(?:es)?|inquiries|advertis[a-z]*|mail|messages|sales|services)|vendor (?:solicitations?|calls?|pitches)|vendors|door[- ]to[- ]door (?:sales[a-z]*|sellers?|peddlers?)|peddlers?|peddling)\b/g;
const EN_REFUSAL =
  /\b(?:no|not accept(?:ed|ing)?|do not accept|don't accept|does not accept|(?:are|is) not accepted|will not be (?:accepted|answered|returned|responded to|entertained|acknowledged|considered)|won't be (?:answered|returned|accepted)|not (?:welcome|permitted|allowed|entertained|wanted)|prohibited|forbidden|please do not|please don't|do not (?:call|contact|email|e-mail|send|solicit)|don't (?:call|contact|email|send)|refrain from|will be (?:ignored|deleted|discarded|reported|prosecuted|turned away|refused|declined)|we decline|not interested in|not accepting|(?:do not|don't|please do not) use|(?:is|are) not for|not intended for)\b/g;
const EN_VETO =
  /\bhow to\b|(?<!not )\bwelcome\b|\btips (?:for|on|to)\b|\bways to\b|\bguide to\b|\b(?:solicit[a-z]*|sales[a-z]*)["”']?\s+(?:signs?|stickers?|decals?|plates?)\b|\$\d|\badd to cart\b|\bstop receiving\b|\bunsubscribe\b|\bconstitutes?\b|\bnever (?:make|call|cold|sell|send|share|spam|solicit|pressure)|\bwe (?:do not|don't|will not|won't) (?:make|call|cold[- ]call|sell|share|send|spam|solicit|pressure)|\bdo not hesitate\b|\bdon't hesitate\b|\bscam|\bimpersonat|\bpretend|\bpushy\b|\baggressive\b|\bhigh[- ]pressure\b/;

const EN_GATE = /solicit|sales|cold|telemarket|marketing|unsolicited|vendor|peddl|door-to-door|door to door|robocall|advertising|promotional/i;

function judgeEnglish(sentence: string): Judged | null {
  if (!EN_GATE.test(sentence)) return null;
  const s = sentence.toLowerCase();
  const subjects = [...s.matchAll(EN_SUBJECT)];
  if (subjects.length === 0) return null;
  const refusals = [...s.matchAll(EN_REFUSAL)];
  if (refusals.length === 0) return null;
  if (EN_VETO.test(s)) return { accepted: false, reason: 'English: promise, editorial, product or welcome' };
  // A quoted notice inside a longer sentence is a mention: Add a line like "we do not accept…".
  const quoted = /["“]([^"”]+)["”]/.exec(s);
  if (quoted && s.replace(quoted[0], '').replace(/[\s.!,]/g, '') !== '' && EN_SUBJECT.test(quoted[1]!)) {
    EN_SUBJECT.lastIndex = 0;
    return { accepted: false, reason: 'English: quoted, not said' };
  }
  EN_SUBJECT.lastIndex = 0;
  for (const subj of subjects) {
    const lawyer = /^solicitors?$/.test(subj[0]);
    for (const r of refusals) {
      if (r[0] === 'no') {
        // "no" refuses only what directly follows it: "no (unsolicited) sales calls".
        const between = s.slice(r.index + 2, subj.index);
        if (r.index < subj.index && /^\s+(?:[a-z-]+\s+){0,2}$/.test(between)) return { accepted: true, reason: `English: 「no ${subj[0]}」` };
        continue;
      }
      if (lawyer && !/will be|not welcome|not permitted|not allowed|prohibited|please do not|please don't|do not call/.test(r[0])) continue;
      return { accepted: true, reason: `English: 「${subj[0]}」 + 「${r[0]}」` };
    }
  }
  return { accepted: false, reason: 'English: subject without a refusal of it' };
}

// ---------------------------------------------------------------------------------------------
// The page.

const SIGN_PRODUCT = /(?:お断り|NG|禁止|厳禁|solicit[a-z]*|sales)["」]?(?:の)?(?:ステッカー|シール|プレート|看板|マグネット|表示板|サイン|札|\s?(?:signs?|stickers?|decals?|plates?)\b)|(?:ステッカー|シール|プレート|看板|マグネット|表示板)[^。]{0,12}お断り/i;
const SHOP = /カートに入れる|カートへ|add to cart|税込|送料|在庫|[¥￥]\s?\d|\d円|\$\d/i;
// A notice made only of subject + refusal, no sentence around it (営業・勧誘お断り).
const BARE_SIGN = /^[^。、]{0,20}(?:お断り|NG|禁止|厳禁)[!！]?$/;

function analyse(page: ParsedPage): InternalFinding[] {
  const units = unitsOf(page.blocks);
  const findings: InternalFinding[] = [];
  // A page that sells signs: its sign texts are products, not its own notices.
  const all = page.blocks.join('\n');
  const signShop = SIGN_PRODUCT.test(all) && (all.match(new RegExp(SHOP.source, 'gi'))?.length ?? 0) >= 2;
  // A 勧誘方針 (solicitation policy, required of insurers and brokers) is the firm's rules for its
  // own selling: its 勧誘 sentences are about the firm's conduct, not about refusing callers.
  const solicitationPolicy = /勧誘方針/.test(all) || /勧誘方針/.test(page.title);

  const record = (from: number, to: number, j: Judged, text: string) => {
    const blocks = page.blocks.slice(units[from]!.block, units[to]!.block + 1).join(' ');
    findings.push({ accepted: j.accepted, reason: j.reason, sentence: text, phrase: trim(text, PHRASE_MAX), context: trim(compact(blocks), CONTEXT_MAX) });
  };
  const accept = (from: number, to: number, j: Judged & { predicate?: Predicate }, text: string) => {
    if (j.accepted && j.predicate && /^(?:不要|必要|いり|要り)/.test(j.predicate.text)) {
      const around = units.slice(Math.max(0, from - 2), to + 3).map((x) => x.canon).join('');
      if (RECRUIT.test(around)) {
        record(from, to, { accepted: false, reason: 'job ad: the work needs no selling' }, text);
        return;
      }
    }
    if (j.accepted && solicitationPolicy && /勧誘/.test(text) && !/営業電話|営業の(?:お)?電話|売り込み|セールス/.test(text)) {
      record(from, to, { accepted: false, reason: 'a solicitation policy (勧誘方針): the firm\'s own conduct' }, text);
      return;
    }
    if (j.accepted && signShop && BARE_SIGN.test(text.trim())) {
      record(from, to, { accepted: false, reason: 'sign text on a page that sells signs' }, text);
      return;
    }
    if (j.accepted && exampleContext(units, from)) {
      record(from, to, { accepted: false, reason: 'an example in an article about refusing' }, text);
      return;
    }
    record(from, to, j, text);
  };

  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    // 1. The sentence alone.
    const en = judgeEnglish(u.text);
    if (en) accept(i, i, en, u.text);
    const alone = u.maySubject && u.mayRefuse ? judgeSentence(u.canon) : null;
    if (alone) accept(i, i, alone, u.text);
    if (alone?.accepted || en?.accepted) continue;

    // 2. Joined with the next unit(s) when this one runs off the end of its block unpunctuated.
    // A <br> may even fall inside a word (ご遠<br>慮願います), so the gates and the canonical
    // form are taken on the joined text, not on the pieces.
    const joinable = (x: Unit | undefined) => x !== undefined && x.last && !x.terminated && x.text.length <= 80;
    if (joinable(u)) {
      let shown = u.text;
      const pieces: string[] = [u.text];
      for (let k = i + 1; k < Math.min(units.length, i + 3); k++) {
        const next = units[k]!;
        pieces.push(next.text);
        shown += next.text;
        if (SUBJECT_GATE.test(shown) && REFUSAL_GATE.test(shown)) {
          const seams = pieces.slice(0, -1).map((_, n) => canonical(pieces.slice(0, n + 1).join('')).length);
          const j = judgeSentence(canonical(shown));
          // Only a refusal that straddles a seam is new; one inside a unit was judged alone.
          const straddles = j?.subject && j.predicate && seams.some((b) => Math.min(j.subject!.start, j.predicate!.start) < b && b < Math.max(j.subject!.end, j.predicate!.end));
          if (j?.accepted && straddles) {
            accept(i, k, j, shown);
            break;
          }
        }
        if (!joinable(next)) break;
      }
    }

    // 3. A refusal heading a list: 以下のお問い合わせにはお答えいたしかねます / お断り事項 / 禁止事項.
    const preds = u.mayRefuse ? findPredicates(u.canon).filter((p) => p.polarity === 'refuse') : [];
    if (preds.length > 0 && (!u.maySubject || findSubjects(u.canon).length === 0)) {
      const forward = /(?:以下|下記|次|つぎ)の|こちらの/.test(u.canon) || preds.some((p) => p.forward) || /[:：]$/.test(u.canon);
      if (forward) {
        for (let k = i + 1; k < Math.min(units.length, i + 9); k++) {
          const item = units[k]!;
          if (item.canon.length > 80) break;
          if (!item.maySubject) continue;
          const subject = findSubjects(item.canon).find((s) => s.kind !== 'bare' && s.kind !== 'addressee');
          if (subject && !OTHER_PARTY.test(item.canon) && !SCAM.test(item.canon) && !FIRST_PERSON_AGENT.test(item.canon)) {
            accept(i, k, { accepted: true, reason: `refusal heads a list with 「${subject.text}」` }, `${u.text} ${item.text}`);
            break;
          }
        }
      }
    }

    // 4. FAQ: a question about sales contact answered with a bare refusal; or a heading to
    //    salespeople (営業の方へ) followed by one.
    const asksAboutSales = u.maySubject && /[?？か]$/.test(u.canon) && findSubjects(u.canon).some((s) => s.kind !== 'bare' || /^営業/.test(s.text));
    const addressee = u.maySubject && ADDRESSEE.test(u.canon);
    if (asksAboutSales || addressee) {
      for (let k = i + 1; k < Math.min(units.length, i + 3); k++) {
        const ans = units[k]!;
        if (!ans.mayRefuse) continue;
        if (ans.maySubject && findSubjects(ans.canon).some((s) => s.kind !== 'bare')) break; // its own subject: judged alone
        const p = findPredicates(ans.canon).find((q) => q.polarity === 'refuse');
        if (!p) continue;
        const head = ans.canon.slice(0, p.start).replace(HEAD_STRIP, '');
        const otherObject = OTHER_OBJECT.test(head);
        const veto = SCAM.test(ans.canon) || ADVICE.test(ans.canon) || otherObject;
        accept(i, k, { accepted: !veto, reason: veto ? 'answer refuses something else' : addressee ? 'heading to salespeople + refusal' : 'question about sales + refusal' }, `${u.text} ${ans.text}`);
        break;
      }
    }
  }
  return findings;
}

// An article quoting example notices: the sentence or the one before it says so.
function exampleContext(units: Unit[], i: number): boolean {
  const u = units[i]!;
  if (EXAMPLE_CONTEXT.test(u.canon)) return true;
  const prev = units[i - 1];
  return prev !== undefined && prev.block >= u.block - 1 && EXAMPLE_CONTEXT.test(prev.canon) && /[:：]$|例文|文例|例$/.test(prev.canon);
}

function trim(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}
