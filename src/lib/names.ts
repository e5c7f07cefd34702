// A unit's name inside a sentence. The published names are written for a heading or a list ("Xã Lại Xuân",
// "Huyện Thủy Nguyên"); Vietnamese writes the unit type in lower case mid-sentence ("của xã Lại Xuân"), and
// an English name that opens with an article drops its capital ("the eight wards and communes …").
import type { Locale } from './format';

// the unit-type words a Vietnamese unit name can open with (longest first: "Thành phố" before "Thành")
const VI_TYPES = ['Thị trấn', 'Thành phố', 'Phường', 'Quận', 'Huyện', 'Tỉnh', 'Xã', 'Tám'];

/** "Xã Lại Xuân" → "xã Lại Xuân"; "Huyện Thủy Nguyên" → "huyện Thủy Nguyên"; proper nouns are left alone. */
export function nameInSentence(name: string, locale: Locale): string {
  if (locale === 'vi') {
    const type = VI_TYPES.find((t) => name === t || name.startsWith(`${t} `) || name.startsWith(`${t},`));
    return type ? type.toLocaleLowerCase('vi') + name.slice(type.length) : name;
  }
  return /^The /.test(name) ? `the ${name.slice(4)}` : name;
}
