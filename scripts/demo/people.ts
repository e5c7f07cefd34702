// Personal data that looks real and is not: Vietnamese names, citizen ID numbers, phone numbers, villages.
// The pipeline must accept these columns and never publish them; the demo gives it realistic values to hide.
import type { Rng } from '../lib/prng.ts';

// Family names by rough frequency; Mạc, Đồng and Vũ are common in Thủy Nguyên.
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Vũ', 'Hoàng', 'Đỗ', 'Bùi', 'Đặng', 'Mạc', 'Ngô', 'Đào', 'Phan', 'Đồng', 'Lương', 'Trịnh', 'Đinh', 'Dương', 'Hà', 'Lưu', 'Cao', 'Tô'];
const FAMILY_WEIGHTS = [30, 11, 9, 7, 6, 4, 4, 4, 3, 3, 2, 2, 2, 2, 1.5, 1.5, 1.5, 1.5, 1, 1, 1, 1];
const MIDDLE_MALE = ['Văn', 'Văn', 'Văn', 'Đức', 'Minh', 'Hữu', 'Quang', 'Xuân', 'Đình', 'Công', 'Ngọc', 'Thanh', 'Trọng'];
const MIDDLE_FEMALE = ['Thị', 'Thị', 'Thị', 'Thị', 'Thu', 'Ngọc', 'Kim', 'Thanh', 'Minh', 'Hồng'];
const GIVEN_MALE = ['Hùng', 'Dũng', 'Tuấn', 'Nam', 'Long', 'Hải', 'Sơn', 'Thắng', 'Bình', 'Cường', 'Quý', 'Tài', 'Toàn', 'Khánh', 'Phúc', 'Hưng', 'Lợi', 'Thành', 'Chiến', 'Quyết', 'Tiến', 'Đông', 'Mạnh', 'Huy', 'Việt', 'Thịnh', 'Khoa', 'Lâm'];
const GIVEN_FEMALE = ['Lan', 'Hương', 'Hoa', 'Mai', 'Hạnh', 'Nga', 'Hằng', 'Thủy', 'Liên', 'Nhung', 'Yến', 'Thảo', 'Phượng', 'Loan', 'Tuyết', 'Xuân', 'Huệ', 'Cúc', 'Đào', 'Oanh', 'Vân', 'Hiền', 'Dung', 'Ngân'];

// Mobile prefixes of the Vietnamese carriers after the 2018 renumbering (Viettel, VinaPhone, MobiFone).
const PHONE_PREFIXES = ['032', '033', '034', '035', '036', '037', '038', '039', '086', '096', '097', '098', '091', '094', '088', '081', '082', '083', '084', '085', '090', '093', '089', '070', '076', '077', '078', '079'];

// Hải Phòng's province code in the 12-digit citizen ID (CCCD): 031.
const PROVINCE_ID_PREFIX = '031';

export interface Person {
  name: string;
  female: boolean;
  birthYear: number;
}

export function personName(rng: Rng, female: boolean): string {
  const family = rng.weighted(FAMILY, FAMILY_WEIGHTS);
  const middle = rng.pick(female ? MIDDLE_FEMALE : MIDDLE_MALE);
  const given = rng.pick(female ? GIVEN_FEMALE : GIVEN_MALE);
  return `${family} ${middle} ${given}`.normalize('NFC');
}

/** 12-digit CCCD: province (3) + sex/century (1) + birth year (2) + serial (6); `taken` keeps them unique. */
export function citizenId(rng: Rng, female: boolean, birthYear: number, taken: Set<string>): string {
  const century = birthYear >= 2000 ? 2 : 0;
  const sexCentury = String(century + (female ? 1 : 0));
  for (;;) {
    const serial = String(rng.int(0, 999_999)).padStart(6, '0');
    const id = `${PROVINCE_ID_PREFIX}${sexCentury}${String(birthYear % 100).padStart(2, '0')}${serial}`;
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

export function phoneNumber(rng: Rng, taken: Set<string>): string {
  for (;;) {
    const phone = `${rng.pick(PHONE_PREFIXES)}${String(rng.int(0, 9_999_999)).padStart(7, '0')}`;
    if (!taken.has(phone)) {
      taken.add(phone);
      return phone;
    }
  }
}

// Village names in the style of the district's communes (thôn named after old hamlets, or numbered).
const VILLAGE_NAMES = ['Đông', 'Tây', 'Trung', 'Nam', 'Bắc', 'Thượng', 'Hạ', 'Đồng Giá', 'Kiền', 'Mỹ Cụ', 'Phương Mỹ', 'Đá Bạc', 'Núi', 'Chợ', 'Bến', 'Trại', 'Cựu Viên', 'An Lạc', 'Tân Lập', 'Phú Thượng', 'Lâm', 'Đồng Lý', 'Xuân Sơn', 'Cao Kênh', 'Dưỡng Động', 'Quỳnh Phố', 'Ninh Hải', 'Hòa Lạc'];

/** The villages (thôn) of a commune or the residential groups (tổ dân phố) of a town. */
export function villagesOf(rng: Rng, isTown: boolean, households: number): string[] {
  const count = Math.max(3, Math.min(14, Math.round(households / (isTown ? 450 : 380))));
  if (isTown) return Array.from({ length: count }, (_, i) => `Tổ dân phố số ${i + 1}`);
  if (rng.chance(0.5)) return Array.from({ length: count }, (_, i) => `Thôn ${i + 1}`);
  const names = rng.shuffle([...VILLAGE_NAMES]).slice(0, count);
  return names.map((n) => `Thôn ${n}`);
}

export function addressOf(rng: Rng, village: string, communeName: string): string {
  const house = rng.chance(0.6) ? `Số ${rng.int(1, 180)}, ` : '';
  const lane = rng.chance(0.25) ? `ngõ ${rng.int(1, 40)}, ` : '';
  return `${house}${lane}${village}, ${communeName}, huyện Thủy Nguyên, Hải Phòng`.normalize('NFC');
}

/** From 2025-07 the ward or commune is directly under Hải Phòng: no district in the address. */
export function addressIn(rng: Rng, village: string, unitName: string): string {
  const house = rng.chance(0.6) ? `Số ${rng.int(1, 180)}, ` : '';
  const lane = rng.chance(0.25) ? `ngõ ${rng.int(1, 40)}, ` : '';
  return `${house}${lane}${village}, ${unitName}, Hải Phòng`.normalize('NFC');
}

/** A 2019–2024 address rewritten for the unit the household lives in from 2025-07 (house, lane and village kept). */
export function movedAddress(address: string, communeName: string, unitName: string): string {
  const old = `, ${communeName}, huyện Thủy Nguyên, Hải Phòng`;
  if (!address.endsWith(old)) throw new Error('demo: an address does not end with its 2019–2024 commune');
  return `${address.slice(0, -old.length)}, ${unitName}, Hải Phòng`.normalize('NFC');
}
