// Who runs a website, as one of its pages says it: the operator's registered name, its 法人番号
// and its address, so that a later stage can look the company up in the corporate registry
// (gBizINFO). Pure: reads the blocks of a parsed page (page.ts), fetches nothing.
//
// Where a site says it, in order of trust:
// 1. Labelled rows, as 会社概要 / 特定商取引法 pages write them: a label block (会社名, 運営会社,
//    販売業者, 法人番号, 所在地 …: a <th>, <dt> or <p> of its own) followed by the value block, or
//    one block "会社名：株式会社ソラ" / "会社名 株式会社ソラ" / "【会社名】株式会社ソラ". A name is
//    taken only when it carries a legal form (株式会社, (株), 医療法人社団 …): the registry knows
//    corporations, not 屋号. The first labelled name on the page wins.
// 2. A block that is only a legal name, immediately followed by an address: how chain sites sign
//    their footers (<p>株式会社ソラ</p><p>本社：東京都渋谷区…</p>).
// 3. The copyright line (© 2026 株式会社ソラ All Rights Reserved.).
// Names merely mentioned in prose (取引先：株式会社A、株式会社B, a blog post) are never taken: they
// are neither labelled as the operator nor standing alone.
import { normaliseAddress, normaliseName } from '../dedupe/normalise.ts';
import { isValidCorporateNumber } from '../gbizinfo/corporate-number.ts';
import type { ParsedPage } from './page.ts';

export interface Operator {
  /** The registered name as the site writes it, legal form included (有限会社竹内商事, 株式会社ソラ). */
  name: string;
  /** 法人番号 when the site publishes a valid one (13 digits, check digit verified), else null. */
  corporateNumber: string | null;
  /** The address the site gives for the operator (所在地 / 本社 / 本店所在地 …), without 〒 postcode prefix; null when none. */
  address: string | null;
}

type Field = 'name' | 'number' | 'address';

const NAME_LABELS = ['会社名', '社名', '商号', '法人名', '会社名称', '運営会社', '運営会社名', '運営者', '運営元', '事業者名', '販売業者', '販売事業者', '名称'];
const NUMBER_LABELS = ['法人番号'];
/** Labels that name the head office itself; 住所 may be a shop's, so it counts only when none of these is given. */
const HEAD_OFFICE_LABELS = ['所在地', '本社', '本社所在地', '本店', '本店所在地', '所在地(本社)'];
const ADDRESS_LABELS = [...HEAD_OFFICE_LABELS, '住所'];

const FIELD_OF_LABEL = new Map<string, Field>([
  ...NAME_LABELS.map((label) => [label, 'name'] as const),
  ...NUMBER_LABELS.map((label) => [label, 'number'] as const),
  ...ADDRESS_LABELS.map((label) => [label, 'address'] as const),
]);

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Longest first, so that 運営会社名 is not read as 運営会社 + 名, nor 所在地(本社) as 所在地.
const LABEL_ALTERNATION = [...FIELD_OF_LABEL.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
/**
 * A block that starts with a label: 【label】 or [label] followed by anything, or a bare label
 * that ends the block or is followed by a colon or a space (so that 名称変更のお知らせ is not the
 * label 名称). Blocks are NFKC-normalised (page.ts): ： is ':' and （） are '()' here.
 */
const LABELLED = new RegExp(`^(?:【\\s*(${LABEL_ALTERNATION})\\s*】|\\[\\s*(${LABEL_ALTERNATION})\\s*\\]|(${LABEL_ALTERNATION})(?=$|[\\s:]))\\s*:?\\s*(.*)$`);

/** Longer than any registered name a page writes in one cell: prose, not a name. */
const MAX_NAME_LENGTH = 60;
/** A lone block that long is a heading or a sentence, not a footer's signature. */
const MAX_LONE_NAME_LENGTH = 40;
const MAX_ADDRESS_LENGTH = 120;

/** 〒150-0043 (or 〒 alone) before an address. */
const POSTCODE_PREFIX = /^〒\s*(?:\d{3}\s*-?\s*\d{4})?\s*/;
/** What often follows the address in the same cell: the phone and mail lines. */
const ADDRESS_TAIL = /\s*(?<![a-z])(?:TEL|FAX|電話|E-?mail|mail)\s*[:.\d(]/i;
/** An annotation after the name ((Sora Inc.), (英文社名 …)), but not a legal form's abbreviation ((株), (医社)). */
const NAME_ANNOTATION = /\s*\((?![^()]{1,3}\))[^]*$/;
/**
 * A medical corporation followed by the clinic it runs (医療法人社団スマイル会 スマイル歯科): the
 * registry knows the corporation, the clinic's name is a 屋号. normaliseName reads the same shape
 * the other way round (the clinic is what a lead is called).
 */
const MEDICAL_CORPORATION_THEN_CLINIC = /^((?:社会医療法人|医療法人社団|医療法人財団|医療法人)\s*\S+?会)\s+\S/;
/** Sample values of a contact form's 会社名 field (例) 株式会社〇〇), never a real operator. */
const PLACEHOLDER_CORE = /^[〇○◯●×x]+$/;
const COPYRIGHT = /©|\(c\)|copyright/i;
const COPYRIGHT_NOISE = /©|\(c\)|copyright|all\s+rights?\s+reserved\.?|\b\d{4}(?:\s*[-~]\s*\d{4})?\b/gi;

interface Row {
  field: Field;
  label: string;
  /** The value written after the label in the same block; '' when it is in the next block. */
  inline: string;
}

function readRow(block: string): Row | null {
  const match = LABELLED.exec(block);
  if (!match) return null;
  const label = (match[1] ?? match[2] ?? match[3]) as string;
  return { field: FIELD_OF_LABEL.get(label) as Field, label, inline: (match[4] ?? '').trim() };
}

/** The value of the row at `index`: the rest of its block, else the next block. */
function rowValue(blocks: readonly string[], index: number, row: Row): { value: string; at: number } | null {
  if (row.inline !== '') return { value: row.inline, at: index };
  const next = blocks[index + 1];
  return next === undefined ? null : { value: next, at: index + 1 };
}

/** `text` as a name: trimmed, without a trailing annotation, or null when it carries no legal form. */
function writtenLegalName(text: string): string | null {
  const name = text.trim().replace(NAME_ANNOTATION, '').trim();
  if (name === '' || name.length > MAX_NAME_LENGTH) return null;
  // A sentence or a list (株式会社A、株式会社B) is not one operator's name; nor a form's example.
  if (/[。、]/.test(name) || /^[(]?例/.test(name)) return null;
  const key = normaliseName(name);
  if (key.legalForm === null || key.core === '' || PLACEHOLDER_CORE.test(key.core)) return null;
  return name;
}

/** The registered part of a written legal name (a medical corporation without its clinic's name). */
const registeredPart = (name: string): string => MEDICAL_CORPORATION_THEN_CLINIC.exec(name)?.[1] ?? name;

/** The registered name in `text`, or null when `text` is not a legal name. */
function legalName(text: string): string | null {
  const name = writtenLegalName(text);
  return name === null ? null : registeredPart(name);
}

/** The registered name in a block that is a legal name and nothing else (no label, no annotation, no sentence). */
function loneLegalName(block: string): string | null {
  if (block.length > MAX_LONE_NAME_LENGTH || block.includes(':')) return null;
  return writtenLegalName(block) === block ? registeredPart(block) : null;
}

/** The address in `text` without its 〒 prefix and trailing phone lines, or null when it names no municipality. */
function addressIn(text: string): string | null {
  let address = text.replace(POSTCODE_PREFIX, '');
  const tail = ADDRESS_TAIL.exec(address);
  if (tail) address = address.slice(0, tail.index);
  address = address.trim();
  if (address === '' || address.length > MAX_ADDRESS_LENGTH) return null;
  return normaliseAddress(address).municipality === null ? null : address;
}

/** The address a row gives: its value, or the block after it when the value is only a postcode (〒150-0043<br>東京都…). */
function rowAddress(blocks: readonly string[], index: number, row: Row): string | null {
  const found = rowValue(blocks, index, row);
  if (!found) return null;
  const address = addressIn(found.value);
  if (address !== null) return address;
  if (found.value.replace(POSTCODE_PREFIX, '') !== '') return null;
  const next = blocks[found.at + 1];
  return next === undefined ? null : addressIn(next);
}

/** An unlabelled block that reads as a whole street address (a municipality and a block number). */
function plainAddress(block: string): string | null {
  const address = addressIn(block);
  return address !== null && normaliseAddress(address).block !== null ? address : null;
}

/** The 13 digits after a 法人番号 label (groups may be split by spaces or hyphens), when they check. */
function corporateNumberIn(value: string): string | null {
  const digits = /^\d(?:[\d\s-]*\d)?/.exec(value)?.[0].replace(/[\s-]/g, '');
  return digits !== undefined && isValidCorporateNumber(digits) ? digits : null;
}

/** Who runs the site, as one page says it, or null. Pure. */
export function findOperator(page: ParsedPage): Operator | null {
  const blocks = page.blocks;
  let labelledName: string | null = null;
  let corporateNumber: string | null = null;
  let headOffice: string | null = null;
  let otherAddress: string | null = null;

  for (let i = 0; i < blocks.length; i++) {
    const row = readRow(blocks[i] as string);
    if (!row) continue;
    if (row.field === 'name') {
      if (labelledName === null) {
        const value = rowValue(blocks, i, row);
        labelledName = value ? legalName(value.value) : null;
      }
    } else if (row.field === 'number') {
      if (corporateNumber === null) {
        const value = rowValue(blocks, i, row);
        corporateNumber = value ? corporateNumberIn(value.value) : null;
      }
    } else if (HEAD_OFFICE_LABELS.includes(row.label)) {
      headOffice ??= rowAddress(blocks, i, row);
    } else {
      otherAddress ??= rowAddress(blocks, i, row);
    }
  }
  const labelledAddress = headOffice ?? otherAddress;
  if (labelledName !== null) return { name: labelledName, corporateNumber, address: labelledAddress };

  const signed = footerSignature(blocks);
  if (signed) return { name: signed.name, corporateNumber, address: labelledAddress ?? signed.address };

  const copyrighted = copyrightName(blocks);
  if (copyrighted !== null) return { name: copyrighted, corporateNumber, address: labelledAddress };
  return null;
}

/** A lone legal name immediately followed by its address (本社：… or a bare street address). */
function footerSignature(blocks: readonly string[]): { name: string; address: string } | null {
  for (let i = 0; i + 1 < blocks.length; i++) {
    const name = loneLegalName(blocks[i] as string);
    if (name === null) continue;
    // One name of a list (取引先 as <li>株式会社A</li><li>株式会社B</li>) is not a signature, even
    // when an address happens to follow the list.
    if (i > 0 && loneLegalName(blocks[i - 1] as string) !== null) continue;
    const next = blocks[i + 1] as string;
    const row = readRow(next);
    const address = row ? (row.field === 'address' ? rowAddress(blocks, i + 1, row) : null) : plainAddress(next);
    if (address !== null) return { name, address };
  }
  return null;
}

/** The legal name in a copyright line (© 2026 株式会社ソラ All Rights Reserved.). */
function copyrightName(blocks: readonly string[]): string | null {
  for (const block of blocks) {
    if (!COPYRIGHT.test(block)) continue;
    const rest = block
      .replace(COPYRIGHT_NOISE, ' ')
      // A trailing full stop belongs to the sentence, unless it ends an abbreviation (Sora Inc.).
      .replace(/^[\s.,]+|[\s,]+$/g, '')
      .replace(/(?<![A-Za-z])\.$/, '')
      .replace(/\s+/g, ' ');
    const name = legalName(rest);
    if (name !== null) return name;
  }
  return null;
}
