// A Shift_JIS encoder for the few synthetic sites served in it. Node can decode Shift_JIS but not
// encode it, so the table is the decoder's inverse, built once on first use. Characters with no
// Shift_JIS code become HTML numeric character references, as old CMSs emit them.

let table: Map<string, number[]> | undefined;

function encoderTable(): Map<string, number[]> {
  if (table) return table;
  const decoder = new TextDecoder('shift_jis', { fatal: true });
  const map = new Map<string, number[]>();
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xef; lead++) {
    if (lead > 0x9f && lead < 0xe0) continue;
    for (let trail = 0x40; trail <= 0xfc; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      let text: string;
      try {
        text = decoder.decode(pair);
      } catch {
        continue;
      }
      // Several codes can decode to one character (NEC/IBM duplicates); keep the first.
      if (text.length === 1 && !map.has(text)) map.set(text, [lead, trail]);
    }
  }
  table = map;
  return map;
}

export function encodeShiftJis(text: string): Uint8Array {
  const codes = encoderTable();
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (cp < 0x80) {
      out.push(cp);
    } else if (cp >= 0xff61 && cp <= 0xff9f) {
      out.push(cp - 0xff61 + 0xa1); // half-width katakana are single bytes
    } else {
      const bytes = codes.get(ch);
      if (bytes) out.push(...bytes);
      else for (const b of Buffer.from(`&#${cp};`, 'ascii')) out.push(b);
    }
  }
  return Uint8Array.from(out);
}
