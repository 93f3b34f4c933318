/**
 * The demo organisation: Kemensos' complaint desk as the seeds describe it. A central admin
 * unit, three responsible work units (directorates general) and six regional units spread
 * over the three time zones, with one account for every role. README and tests read the
 * accounts from here, so the listed usernames and password are the ones that work.
 */
import type { Role, TimeZone, UnitKind } from '../../shared';

/** The password of every demo account when seeded with `passwords: 'fixed'` (the default). */
export const DEMO_PASSWORD = 'tindak-demo-2026';

export interface DemoUnit {
  code: string;
  name: string;
  kind: UnitKind;
  parentCode: string | null;
  timeZone: TimeZone;
  region: string;
  /** Province codes (NIK prefixes) a regional unit serves; cases from there get its copy. */
  provinces?: readonly string[];
}

const SUMATRA = ['11', '12', '13'];
const JAVA = ['31', '32', '33', '34', '35', '36'];
const KALIMANTAN = ['63', '64'];
const BALI_NUSA = ['51', '53'];
const SULAWESI = ['71', '72', '73'];
const MALUKU = ['81', '82'];
const PAPUA = ['91'];

export const DEMO_UNITS: readonly DemoUnit[] = [
  {
    code: 'humas',
    name: 'Biro Hubungan Masyarakat',
    kind: 'central',
    parentCode: null,
    timeZone: 'WIB',
    region: 'DKI Jakarta',
  },
  {
    code: 'linjamsos',
    name: 'Direktorat Jenderal Perlindungan dan Jaminan Sosial',
    kind: 'work_unit',
    parentCode: null,
    timeZone: 'WIB',
    region: 'DKI Jakarta',
  },
  {
    code: 'dayasos',
    name: 'Direktorat Jenderal Pemberdayaan Sosial',
    kind: 'work_unit',
    parentCode: null,
    timeZone: 'WIB',
    region: 'DKI Jakarta',
  },
  {
    code: 'rehsos',
    name: 'Direktorat Jenderal Rehabilitasi Sosial',
    kind: 'work_unit',
    parentCode: null,
    timeZone: 'WIB',
    region: 'DKI Jakarta',
  },
  {
    code: 'upt_bandung',
    name: 'Balai Besar Perlindungan Sosial Bandung',
    kind: 'regional',
    parentCode: 'linjamsos',
    timeZone: 'WIB',
    region: 'Jawa Barat',
    provinces: [...SUMATRA, ...JAVA, ...KALIMANTAN],
  },
  {
    code: 'upt_ambon',
    name: 'Balai Perlindungan Sosial Ambon',
    kind: 'regional',
    parentCode: 'linjamsos',
    timeZone: 'WIT',
    region: 'Maluku',
    provinces: [...BALI_NUSA, ...SULAWESI, ...MALUKU, ...PAPUA],
  },
  {
    code: 'upt_medan',
    name: 'Balai Besar Pemberdayaan Sosial Medan',
    kind: 'regional',
    parentCode: 'dayasos',
    timeZone: 'WIB',
    region: 'Sumatera Utara',
    provinces: [...SUMATRA, '31', '32', '36'],
  },
  {
    code: 'upt_banjarbaru',
    name: 'Balai Pemberdayaan Sosial Banjarbaru',
    kind: 'regional',
    parentCode: 'dayasos',
    timeZone: 'WITA',
    region: 'Kalimantan Selatan',
    provinces: ['33', '34', '35', ...KALIMANTAN, ...BALI_NUSA, ...SULAWESI, ...MALUKU, ...PAPUA],
  },
  {
    code: 'upt_makassar',
    name: 'Sentra Wirajaya Makassar',
    kind: 'regional',
    parentCode: 'rehsos',
    timeZone: 'WITA',
    region: 'Sulawesi Selatan',
    provinces: [...SUMATRA, ...JAVA, ...KALIMANTAN, ...BALI_NUSA, '73'],
  },
  {
    code: 'upt_jayapura',
    name: 'Sentra Rehabilitasi Sosial Jayapura',
    kind: 'regional',
    parentCode: 'rehsos',
    timeZone: 'WIT',
    region: 'Papua',
    provinces: ['71', '72', ...MALUKU, ...PAPUA],
  },
];

/**
 * Which work units follow up which topic: social protection takes PKH and disasters,
 * empowerment the data and food assistance, rehabilitation abuse and the rest. Organisations
 * without these unit codes get their topics spread over their work units.
 */
export const DEMO_TOPIC_ROUTES: Readonly<Record<string, readonly string[]>> = {
  pkh: ['linjamsos'],
  disaster: ['linjamsos'],
  dtks: ['dayasos'],
  bpnt: ['dayasos'],
  abuse: ['rehsos'],
  other: ['rehsos', 'rehsos', 'dayasos', 'linjamsos'],
};

/** Province coverage of regional units by unit code, for routing a case to its area's UPT. */
export const DEMO_COVERAGE: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  DEMO_UNITS.filter((unit) => unit.provinces).map((unit) => [unit.code, unit.provinces ?? []]),
);

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  unitCode: string;
  unitName: string;
}

const unitName = (code: string): string => {
  const unit = DEMO_UNITS.find((u) => u.code === code);
  if (!unit) throw new Error(`demo account refers to unknown unit ${code}`);
  return unit.name;
};

const account = (username: string, displayName: string, role: Role, unitCode: string): DemoAccount => ({
  username,
  displayName,
  role,
  unitCode,
  unitName: unitName(unitCode),
});

const uptAccounts = (city: string, staff: string, field1: string, field2: string): DemoAccount[] => [
  account(`upt.${city}`, staff, 'upt_staff', `upt_${city}`),
  account(`field.${city}1`, field1, 'field_worker', `upt_${city}`),
  account(`field.${city}2`, field2, 'field_worker', `upt_${city}`),
];

/** Every demo account: username, name, role and unit, in the order the README lists them. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  account('admin', 'Dewi Lestari', 'admin', 'humas'),
  account('auditor', 'Bambang Hartono', 'auditor', 'humas'),
  account('liaison.linjamsos', 'Yohana Simanjuntak', 'liaison', 'linjamsos'),
  account('head.linjamsos', 'Hendra Gunawan', 'unit_head', 'linjamsos'),
  account('liaison.dayasos', 'Rina Marlina', 'liaison', 'dayasos'),
  account('head.dayasos', 'Agus Setiawan', 'unit_head', 'dayasos'),
  account('liaison.rehsos', 'Andi Nurhayati', 'liaison', 'rehsos'),
  account('head.rehsos', 'I Made Suarta', 'unit_head', 'rehsos'),
  ...uptAccounts('bandung', 'Euis Rohayati', 'Asep Saepudin', 'Neneng Kurniasih'),
  ...uptAccounts('ambon', 'Johanis Latuconsina', 'Salomina Pattiasina', 'Ferdinand Tuhumury'),
  ...uptAccounts('medan', 'Tiurma Siregar', 'Parlindungan Sitorus', 'Nurhaida Lubis'),
  ...uptAccounts('banjarbaru', 'Rahmadi Noor', 'Siti Masliana', 'Ahmad Fauzi'),
  ...uptAccounts('makassar', 'Syamsul Rahman', 'Hasnah Latif', 'Muhammad Ilham'),
  ...uptAccounts('jayapura', 'Yosina Rumbiak', 'Markus Wenda', 'Maria Kogoya'),
];
