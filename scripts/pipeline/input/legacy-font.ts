// Vietnamese typed in a legacy font (TCVN3 "ABC" with .VnTime, VNI): inside an .xlsx the text is valid Unicode,
// but reads "Thu nhËp b×nh qu©n" for "Thu nhập bình quân", so every header is "missing". The tables are reference
// data (data/reference/legacy-fonts.json, with their sources); this module converts with them and tells whether a
// text matches only after a conversion.
import tables from '../../../data/reference/legacy-fonts.json';

export type LegacyFont = 'tcvn3' | 'vni';
export const LEGACY_FONTS: readonly LegacyFont[] = ['tcvn3', 'vni'];

/** How a message names the encoding, so a data officer recognises the font in Excel's font box. */
export const LEGACY_FONT_NAMES: Record<LegacyFont, string> = {
  tcvn3: 'TCVN3 (ABC, fonts .VnTime)',
  vni: 'VNI (fonts VNI-Times)',
};

function converter(map: Record<string, string>): (text: string) => string {
  // longest sequence first: a VNI vowel is a letter and one or two mark characters ("aä" before "a")
  const keys = Object.keys(map).sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const escaped = keys.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(escaped.join('|'), 'gu');
  return (text) => text.replace(pattern, (m) => map[m]!).normalize('NFC');
}

const convert: Record<LegacyFont, (text: string) => string> = {
  tcvn3: converter(tables.tcvn3.map),
  vni: converter(tables.vni.map),
};

/** Unicode text from text typed in a legacy font. */
export function fromLegacyFont(font: LegacyFont, text: string): string {
  return convert[font](text);
}

/** The characters a text in each encoding is made of beyond ASCII: a text with none of them is not legacy text. */
const legacyChars: Record<LegacyFont, RegExp> = {
  tcvn3: new RegExp(`[${[...new Set(Object.keys(tables.tcvn3.map).join(''))].join('').replace(/[\]\\^-]/g, '\\$&')}]`, 'u'),
  vni: new RegExp(`[${[...new Set(Object.keys(tables.vni.map).join('').replace(/[a-z]/gi, ''))].join('').replace(/[\]\\^-]/g, '\\$&')}]`, 'u'),
};

/**
 * The legacy font in which these texts were typed, judged by `accepted` (a header or keyword test): the
 * encoding under which more texts are accepted after conversion than before, and at least one text with a
 * legacy character is. null when none does (plain ASCII texts, or Unicode text that is fine as it is).
 */
export function detectLegacyFont(texts: string[], accepted: (text: string) => boolean): LegacyFont | null {
  const before = texts.filter(accepted).length;
  let best: { font: LegacyFont; gain: number } | null = null;
  for (const font of LEGACY_FONTS) {
    const gained = texts.filter((t) => legacyChars[font].test(t) && !accepted(t) && accepted(fromLegacyFont(font, t))).length;
    const after = texts.filter((t) => accepted(fromLegacyFont(font, t))).length;
    if (gained > 0 && after > before && (!best || gained > best.gain)) best = { font, gain: gained };
  }
  return best?.font ?? null;
}

/** The one line that says a file is in a legacy font, and what to do. */
export function legacyFontMessage(font: LegacyFont, what: string): string {
  return `${what} match only after a ${LEGACY_FONT_NAMES[font]} conversion: the file was typed in a legacy font; `
    + `run again with --legacy-font ${font}`;
}
