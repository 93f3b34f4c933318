/**
 * People and places for synthetic cases: names from several of Indonesia's regions, streets,
 * and a sample of provinces with regencies, districts and villages, each province under its
 * Kemendagri code (the first two digits of a NIK or KK) and its time zone.
 *
 * Generated NIK and KK numbers have the right shape (they pass nikSchema/kkSchema) but are
 * fictitious by construction: their district digits (positions 5–6) are always 90–99, a range
 * no kecamatan code uses (the largest regencies stop around 50), so a generated number can
 * never be a real person's. Phone numbers are random Indonesian mobile numbers.
 */
import type { TimeZone } from '../../shared';
import type { Random, WeightedTable } from './random';
import { weightedTable } from './random';

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

export type Gender = 'male' | 'female';

interface NamePool {
  first: Record<Gender, readonly string[]>;
  /** A second given name (Javanese and Sundanese names are often two given names). */
  second?: Record<Gender, readonly string[]>;
  secondChance?: number;
  /** Clan or family names (marga, fam), shared by both genders. */
  family?: readonly string[];
  familyChance?: number;
  /** Builds the name differently (Balinese birth-order names). */
  compose?: (rng: Random, gender: Gender) => string;
}

const words = (text: string): readonly string[] =>
  text
    .split(',')
    .map((w) => w.trim())
    .filter(Boolean);

const BALINESE_ORDER: Record<Gender, readonly string[]> = {
  male: words('Wayan, Putu, Gede, Made, Kadek, Nyoman, Komang, Ketut'),
  female: words('Wayan, Putu, Luh, Made, Kadek, Nyoman, Komang, Ketut'),
};
const BALINESE_NAMES: Record<Gender, readonly string[]> = {
  male: words(
    'Sudarma, Suarta, Artawan, Sukadana, Budiarta, Wirawan, Suastika, Mertayasa, Adnyana, Parwata, Arsana, Widiarta, Sumerta, Darmawan',
  ),
  female: words(
    'Sriasih, Sukarmi, Ariani, Suartini, Widiastuti, Sumerti, Ayu Lestari, Puspitasari, Sriwahyuni, Darmini, Wartini, Suciati, Rai Sukmawati',
  ),
};

export const NAME_POOLS = {
  javanese: {
    first: {
      male: words(
        'Agus, Budi, Joko, Slamet, Bambang, Eko, Heru, Tri, Dwi, Sugeng, Teguh, Wahyu, Bayu, Rudi, Yanto, Hadi, Suparman, Mulyono, Sutrisno, Purnomo, Suroto, Wagiman, Darmanto, Kusno, Sigit, Catur',
      ),
      female: words(
        'Sri, Siti, Dwi, Tri, Endang, Sumiati, Suwarni, Sulastri, Rini, Ratna, Dewi, Puji, Tutik, Yuli, Suparmi, Sukini, Painem, Ngatini, Lestari, Wartini, Murni, Kasiyem',
      ),
    },
    second: {
      male: words(
        'Setiawan, Santoso, Prasetyo, Susanto, Wibowo, Hartono, Nugroho, Purwanto, Kurniawan, Saputra, Hidayat, Haryanto, Utomo, Raharjo, Widodo, Suprapto, Riyanto, Sulistyo',
      ),
      female: words(
        'Wahyuni, Lestari, Rahayu, Handayani, Astuti, Wulandari, Kusumawati, Rahmawati, Susanti, Purwanti, Suryani, Ningsih, Wijayanti, Setyaningsih, Sulistyowati',
      ),
    },
    secondChance: 0.7,
  },
  sundanese: {
    first: {
      male: words(
        'Asep, Ujang, Dede, Cecep, Dadang, Ade, Acep, Deden, Aep, Iwan, Jajang, Yayat, Engkos, Odang, Endang, Wawan, Usep, Dadan',
      ),
      female: words(
        'Euis, Neneng, Entin, Iis, Dedeh, Elis, Cucu, Enok, Imas, Lilis, Yati, Nining, Tati, Ela, Nunung, Rina, Ai, Eulis',
      ),
    },
    second: {
      male: words(
        'Saepudin, Sunarya, Suryana, Hidayat, Kurniawan, Supriatna, Rohendi, Setiawan, Mulyana, Permana, Sopandi, Rusmana, Sutisna, Ruhiyat, Gunawan, Firmansyah',
      ),
      female: words(
        'Rohayati, Kurniasih, Nurhayati, Komariah, Sumiati, Rostika, Maryati, Suryani, Herawati, Sukaesih, Mulyati, Nurjanah, Jubaedah, Setiawati, Rahmawati',
      ),
    },
    secondChance: 0.75,
  },
  betawi: {
    first: {
      male: words(
        'Rojali, Mamat, Sanusi, Mursid, Jaelani, Muhidin, Rohim, Sarmili, Rohman, Udin, Saipul, Bachtiar',
      ),
      female: words('Romlah, Minah, Saodah, Zubaedah, Marfuah, Aminah, Rohaya, Masitoh, Munah, Ropiah, Siti'),
    },
    second: {
      male: words('Abdullah, Sanusi, Hasan, Sholeh, Muchtar, Rahmat, Hamdani, Syafii'),
      female: words('Zaenab, Romlah, Maemunah, Nurhasanah, Rohimah'),
    },
    secondChance: 0.5,
  },
  madurese: {
    first: {
      male: words(
        'Moh. Sukri, Slamet, Hasan, Abd. Rahman, Matsari, Sahrul, Fathor, Syaiful, Sumarto, Hosnan, Bahrul',
      ),
      female: words(
        'Siti, Asiyah, Hosniyah, Rofiah, Munawaroh, Sumiyati, Maimunah, Mariyam, Saodah, Halimatus',
      ),
    },
    second: {
      male: words('Rahman, Hasan, Ali, Bahri, Rosyid, Arifin, Sholeh'),
      female: words('Sadiyah, Hasanah, Fatimah, Zahroh, Holifah'),
    },
    secondChance: 0.6,
  },
  batak: {
    first: {
      male: words(
        'Tumpal, Sahat, Parlindungan, Marihot, Benny, Hotman, Roy, Hasudungan, Togar, Martua, Poltak, Binsar, Bonar, Daniel, Samuel, Henri, Ramli, Ahmad',
      ),
      female: words(
        'Rosmawati, Lasma, Tiurma, Rotua, Nurhaida, Rumondang, Dameria, Sondang, Tiomina, Hotnida, Rosdiana, Ruth, Maria, Debora, Lusiana',
      ),
    },
    family: words(
      'Siregar, Nasution, Simanjuntak, Sitorus, Hutapea, Lubis, Harahap, Simatupang, Sinaga, Pasaribu, Panjaitan, Situmorang, Manurung, Hutagalung, Tampubolon, Sihombing, Silalahi, Napitupulu, Sembiring, Ginting, Tarigan, Damanik, Purba, Saragih',
    ),
    familyChance: 0.95,
  },
  minang: {
    first: {
      male: words(
        'Afrizal, Zulkifli, Syafrizal, Yusrizal, Andri, Hendri, Irwan, Jasman, Darmawan, Fadli, Rizal, Erizal, Zulhendri, Firdaus, Masrul, Nasrul',
      ),
      female: words(
        'Yusnimar, Nurhasanah, Yenni, Rosnaini, Syafrida, Erniwati, Yulia, Desmawati, Nelly, Fitriani, Asmaniar, Yusmaniar, Zurnalis',
      ),
    },
    family: words('Chaniago, Piliang, Koto, Tanjung, Sikumbang, Jambak, Bodi, Guci'),
    familyChance: 0.3,
  },
  acehnese: {
    first: {
      male: words(
        'Muhammad, Teuku, Zulfikar, Mukhlis, Iskandar, Fauzan, Rizki, Khairul, Safrizal, Munawar, Mahdi, Rahmat, Syahrul',
      ),
      female: words(
        'Nurul, Cut, Siti, Rahmah, Fitri, Nurhayati, Maulida, Zahara, Rosmiati, Husna, Salmiah, Mardhiah, Khairiah, Yusnidar',
      ),
    },
    second: {
      male: words(
        'Iskandar, Fadhil, Ramadhan, Hidayat, Fauzi, Akbar, Saputra, Yusuf, Ibrahim, Hasan, Abdullah, Ismail',
      ),
      female: words('Fitriani, Rahmi, Husna, Mawaddah, Aini, Rahmawati, Maulidya, Safitri, Yani'),
    },
    secondChance: 0.8,
  },
  bugis: {
    first: {
      male: words(
        'Andi, Muhammad, Abdul, Baso, Rahman, Syamsul, Ilham, Arifin, Jamaluddin, Hamzah, Muhiddin, Syahrir, Nurdin, Rusdi, Sudirman, Zainal, Amir, Haris, Basri, Darwis',
      ),
      female: words(
        'Andi, Hasnah, Nurhayati, Sitti, Hasniah, Rahmatia, Suryani, Nurjannah, Jumriah, Hadijah, Sumarni, Nurlina, Hasmiah, Ratnawati, Fatmawati',
      ),
    },
    second: {
      male: words(
        'Rahman, Hasan, Latif, Syamsuddin, Arsyad, Muin, Ramli, Mappa, Tahir, Kadir, Said, Idris, Jafar',
      ),
      female: words('Hasanah, Aminah, Rahmawati, Nurlela, Sahriani, Salmah, Nurhaedah'),
    },
    secondChance: 0.75,
  },
  toraja: {
    first: {
      male: words('Yohanis, Daniel, Markus, Petrus, Yusuf, Simon, Paulus, Lukas, Yunus'),
      female: words('Ester, Maria, Rahel, Yuliana, Debora, Sarah, Ribka, Marta'),
    },
    family: words(
      'Tandirerung, Palinggi, Pakiding, Pasolang, Rante, Tangdilintin, Sampe, Patiung, Pongsibanne, Paembonan',
    ),
    familyChance: 0.9,
  },
  minahasa: {
    first: {
      male: words(
        'Johny, Stevanus, Reinhard, Frangky, Jefry, Hendrik, Ronald, Marthen, Andre, Novri, Alfrets',
      ),
      female: words('Meity, Grace, Vonny, Nelly, Lenny, Deisy, Stella, Jeane, Mery, Olvie, Sherly, Ivonne'),
    },
    family: words(
      'Wowor, Lumempouw, Sondakh, Pangemanan, Rumengan, Mandagi, Tumbelaka, Kaunang, Lumintang, Rondonuwu, Supit, Tambuwun, Walangitan, Mamahit, Kalalo, Runtuwene, Lengkong',
    ),
    familyChance: 0.95,
  },
  banjar: {
    first: {
      male: words(
        'Muhammad, Ahmad, Abdul, Gusti, Rahmadi, Fahrurrazi, Noor, Syahrani, Rusdiansyah, Akhmad, Mahfuzi, Hairil, Rahmat, Saberi',
      ),
      female: words(
        'Siti, Noor, Rahmah, Masliana, Fatimah, Halimah, Rusmini, Norhayati, Aisyah, Khairunnisa, Hamidah, Mariyam, Salasiah',
      ),
    },
    second: {
      male: words('Noor, Rahman, Hidayat, Fauzi, Ansyari, Ramadhani, Arsyad, Hasan, Mahmud'),
      female: words('Hasanah, Rahmah, Aulia, Rahmawati, Noorhayati, Jannah'),
    },
    secondChance: 0.7,
  },
  dayak: {
    first: {
      male: words('Yohanes, Agustinus, Petrus, Lukas, Dominikus, Kristian, Yosef, Anyang, Lawing, Ajang'),
      female: words('Maria, Yuliana, Elisabeth, Theresia, Veronika, Ningsih, Lusia, Ayu'),
    },
    family: words('Ngau, Lawing, Uyang, Hanyeq, Juk, Ding, Bilung, Anyeq'),
    familyChance: 0.6,
  },
  balinese: {
    first: BALINESE_NAMES,
    compose: (rng, gender) =>
      `${gender === 'male' ? 'I' : 'Ni'} ${rng.pick(BALINESE_ORDER[gender])} ${rng.pick(BALINESE_NAMES[gender])}`,
  },
  ntt: {
    first: {
      male: words(
        'Yohanes, Aloysius, Fransiskus, Yosef, Paulus, Kornelis, Matheus, Dominikus, Yakobus, Stefanus, Mikhael, Bernardus',
      ),
      female: words(
        'Maria, Yuliana, Fransiska, Katarina, Theresia, Veronika, Yasinta, Margaretha, Anastasia, Agustina, Bernadeta, Modesta',
      ),
    },
    family: words(
      'Bria, Nahak, Seran, Fanggidae, Ndun, Tefa, Kase, Nitbani, Da Costa, Parera, Kleden, Bataona, Sogen, Wuwur, Kelen',
    ),
    familyChance: 0.95,
  },
  ambonese: {
    first: {
      male: words(
        'Johanis, Jacob, Ferdinand, Marthen, Alexander, Hendrik, Abdullah, Ismail, Hasan, Rizal, Semuel, Melky, Dominggus, Ronny',
      ),
      female: words(
        'Maria, Christina, Jeanet, Welhelmina, Salomina, Rosalina, Siti, Fatma, Hadija, Agustina, Yuliana, Merry',
      ),
    },
    family: words(
      'Latuconsina, Tuhumury, Pattiasina, Sahetapy, Leiwakabessy, Matulessy, Tuasikal, Ohorella, Lestaluhu, Pelupessy, Manuputty, Tanamal, Soplanit, Wattimena, Lekatompessy, Sopamena, Rehatta, Tahalele, Makatita',
    ),
    familyChance: 0.95,
  },
  north_maluku: {
    first: {
      male: words('Abdullah, Ismail, Hasan, Jafar, Rusli, Syarif, Kamarudin, Samsul, Arman'),
      female: words('Nurlaila, Hadija, Salma, Rosmini, Fatma, Nurjana, Sarifa, Maryam'),
    },
    family: words('Sangaji, Ibrahim, Hamid, Umar, Taher, Soleman, Marsaoly, Hi. Gani, Mahmud'),
    familyChance: 0.8,
  },
  papuan: {
    first: {
      male: words(
        'Yohanes, Markus, Yulius, Petrus, Yosias, Nikolaus, Otto, Herman, Obed, Yakobus, Elias, Agustinus, Benyamin, Daud, Simson, Yance, Frans',
      ),
      female: words(
        'Maria, Yuliana, Marice, Ester, Naomi, Selfina, Yosina, Agustina, Martha, Sara, Ruth, Dorkas, Lea, Yohana, Elisabeth, Fransina',
      ),
    },
    family: words(
      'Wenda, Kogoya, Yoman, Tabuni, Rumbiak, Mandowen, Wanggai, Kambu, Ayomi, Mayor, Rumkorem, Karubaba, Wakerkwa, Murib, Pigai, Gobai, Yikwa, Sanggenafa, Krey, Sawaki, Fonataba, Wamebu',
    ),
    familyChance: 0.95,
  },
  chinese_indonesian: {
    first: {
      male: words('Hendra, Budi, Wilson, Andi, Sutanto, Johan, Kevin, Hartono, Steven, Rudy, Ferry'),
      female: words('Lina, Meiliana, Susanti, Yenny, Lili, Melinda, Cindy, Jessica, Fenny, Vivian'),
    },
    family: words(
      'Wijaya, Gunawan, Santoso, Halim, Kusuma, Tanjaya, Hartanto, Setiadi, Tjandra, Tanuwijaya, Kurniadi, Lim',
    ),
    familyChance: 0.85,
  },
} satisfies Record<string, NamePool>;

export type NamePoolKey = keyof typeof NAME_POOLS;

export function personName(rng: Random, poolKey: NamePoolKey, gender: Gender): string {
  const pool: NamePool = NAME_POOLS[poolKey];
  if (pool.compose) return pool.compose(rng, gender);
  const parts = [rng.pick(pool.first[gender])];
  if (pool.second && rng.chance(pool.secondChance ?? 0.5)) {
    const second = rng.pick(pool.second[gender]);
    if (second !== parts[0]) parts.push(second);
  }
  if (pool.family && rng.chance(pool.familyChance ?? 0.5)) parts.push(rng.pick(pool.family));
  return parts.join(' ');
}

// ---------------------------------------------------------------------------------------------
// Places
// ---------------------------------------------------------------------------------------------

export interface District {
  name: string;
  villages: readonly string[];
}

export interface Regency {
  /** Kemendagri code of the regency or city, 4 digits (province + 2). */
  code: string;
  name: string;
  /** How villages are called here: Kelurahan in cities, Desa, Nagari or Kampung elsewhere. */
  villageLabel: 'Kel.' | 'Desa' | 'Nagari' | 'Kampung';
  districts: readonly District[];
}

export interface Province {
  /** Kemendagri province code: the first two digits of a NIK or KK. */
  code: string;
  name: string;
  zone: TimeZone;
  /** Relative share of synthetic reporters (population, tilted so eastern units get work). */
  weight: number;
  /** Kecamatan, or Distrik in Papua. */
  districtLabel: 'Kec.' | 'Distrik';
  names: WeightedTable<NamePoolKey>;
  regencies: readonly Regency[];
}

/** "District: village, village | District: village" → districts. */
function districts(spec: string): District[] {
  return spec.split('|').map((part) => {
    const [name = '', villages = ''] = part.split(':');
    return { name: name.trim(), villages: words(villages) };
  });
}

function regency(code: string, name: string, villageLabel: Regency['villageLabel'], spec: string): Regency {
  return { code, name, villageLabel, districts: districts(spec) };
}

function province(
  code: string,
  name: string,
  zone: TimeZone,
  weight: number,
  names: readonly (readonly [NamePoolKey, number])[],
  regencies: readonly Regency[],
  districtLabel: Province['districtLabel'] = 'Kec.',
): Province {
  return { code, name, zone, weight, districtLabel, names: weightedTable(names), regencies };
}

export const PROVINCES: readonly Province[] = [
  province(
    '11',
    'Aceh',
    'WIB',
    2.5,
    [['acehnese', 1]],
    [
      regency(
        '1171',
        'Kota Banda Aceh',
        'Kel.',
        'Baiturrahman: Peuniti, Neusu Jaya | Kuta Alam: Lampulo, Peunayong | Syiah Kuala: Rukoh, Lamgugob',
      ),
      regency(
        '1106',
        'Kabupaten Aceh Besar',
        'Desa',
        'Darul Imarah: Lampeuneurut, Garot | Ingin Jaya: Lambaro Angan, Lubuk Sukon',
      ),
    ],
  ),
  province(
    '12',
    'Sumatera Utara',
    'WIB',
    6,
    [
      ['batak', 55],
      ['javanese', 25],
      ['acehnese', 10],
      ['chinese_indonesian', 10],
    ],
    [
      regency(
        '1275',
        'Kota Medan',
        'Kel.',
        'Medan Johor: Kedai Durian, Pangkalan Masyhur | Medan Tembung: Bandar Selamat, Indra Kasih | Medan Helvetia: Helvetia Tengah, Dwi Kora',
      ),
      regency(
        '1207',
        'Kabupaten Deli Serdang',
        'Desa',
        'Lubuk Pakam: Cemara, Pagar Jati | Percut Sei Tuan: Bandar Klippa, Sampali',
      ),
      regency(
        '1212',
        'Kabupaten Toba',
        'Desa',
        'Balige: Napitupulu Bagasan, Lumban Dolok Haumabange | Laguboti: Pintubatu, Sitoluama',
      ),
      regency(
        '1272',
        'Kota Pematangsiantar',
        'Kel.',
        'Siantar Timur: Merdeka, Kebun Sayur | Siantar Marihat: Suka Makmur, Mekar Nauli',
      ),
    ],
  ),
  province(
    '13',
    'Sumatera Barat',
    'WIB',
    2.5,
    [['minang', 1]],
    [
      regency(
        '1371',
        'Kota Padang',
        'Kel.',
        'Kuranji: Kalumbuk, Pasar Ambacang | Koto Tangah: Lubuk Buaya, Dadok Tunggul Hitam | Padang Utara: Air Tawar Barat, Ulak Karang Selatan',
      ),
      regency(
        '1375',
        'Kota Bukittinggi',
        'Kel.',
        'Guguk Panjang: Benteng Pasar Atas, Bukit Cangang Kayu Ramang | Mandiangin Koto Selayan: Campago Ipuh, Pulai Anak Air',
      ),
      regency(
        '1306',
        'Kabupaten Agam',
        'Nagari',
        'Lubuk Basung: Garagahan, Manggopoh | Tanjung Raya: Maninjau, Koto Malintang',
      ),
    ],
  ),
  province(
    '31',
    'DKI Jakarta',
    'WIB',
    8,
    [
      ['betawi', 35],
      ['javanese', 30],
      ['sundanese', 15],
      ['batak', 10],
      ['chinese_indonesian', 10],
    ],
    [
      regency(
        '3172',
        'Kota Jakarta Timur',
        'Kel.',
        'Cakung: Pulo Gebang, Cakung Barat | Jatinegara: Cipinang Besar Utara, Kampung Melayu | Duren Sawit: Pondok Kopi, Klender',
      ),
      regency(
        '3175',
        'Kota Jakarta Utara',
        'Kel.',
        'Cilincing: Kalibaru, Semper Barat | Koja: Tugu Utara, Lagoa',
      ),
      regency(
        '3174',
        'Kota Jakarta Barat',
        'Kel.',
        'Kalideres: Tegal Alur, Kamal | Cengkareng: Duri Kosambi, Kapuk',
      ),
    ],
  ),
  province(
    '32',
    'Jawa Barat',
    'WIB',
    18,
    [
      ['sundanese', 85],
      ['javanese', 15],
    ],
    [
      regency(
        '3273',
        'Kota Bandung',
        'Kel.',
        'Bojongloa Kidul: Cibaduyut, Kebon Lega | Kiaracondong: Babakan Sari, Kebon Jayanti | Cibiru: Cisurupan, Pasir Biru',
      ),
      regency(
        '3204',
        'Kabupaten Bandung',
        'Desa',
        'Baleendah: Andir, Manggahang | Dayeuhkolot: Citeureup, Pasawahan',
      ),
      regency(
        '3205',
        'Kabupaten Garut',
        'Desa',
        'Tarogong Kidul: Haurpanggung, Sukagalih | Cibatu: Keresek, Sindangsuka',
      ),
      regency(
        '3201',
        'Kabupaten Bogor',
        'Desa',
        'Cibinong: Pakansari, Cirimekar | Citeureup: Puspanegara, Tarikolot',
      ),
      regency(
        '3206',
        'Kabupaten Tasikmalaya',
        'Desa',
        'Singaparna: Cikunir, Cipakat | Cigalontang: Jayapura, Sukamanah',
      ),
    ],
  ),
  province(
    '33',
    'Jawa Tengah',
    'WIB',
    14,
    [['javanese', 1]],
    [
      regency(
        '3374',
        'Kota Semarang',
        'Kel.',
        'Tembalang: Bulusan, Meteseh | Semarang Utara: Bandarharjo, Tanjung Mas',
      ),
      regency(
        '3302',
        'Kabupaten Banyumas',
        'Desa',
        'Sokaraja: Sokaraja Kulon, Sokaraja Tengah | Ajibarang: Ajibarang Wetan, Ajibarang Kulon',
      ),
      regency('3315', 'Kabupaten Grobogan', 'Desa', 'Purwodadi: Kuripan, Danyang | Toroh: Depok, Genengsari'),
      regency(
        '3329',
        'Kabupaten Brebes',
        'Desa',
        'Bulakamba: Bulakamba, Kluwut | Larangan: Karangbale, Sitanggal',
      ),
    ],
  ),
  province(
    '34',
    'DI Yogyakarta',
    'WIB',
    3,
    [['javanese', 1]],
    [
      regency(
        '3403',
        'Kabupaten Gunungkidul',
        'Desa',
        'Wonosari: Baleharjo, Kepek | Playen: Bandung, Logandeng',
      ),
      regency(
        '3402',
        'Kabupaten Bantul',
        'Desa',
        'Sewon: Panggungharjo, Bangunharjo | Kasihan: Tamantirto, Bangunjiwo',
      ),
      regency(
        '3471',
        'Kota Yogyakarta',
        'Kel.',
        'Umbulharjo: Warungboto, Giwangan | Tegalrejo: Bener, Kricak',
      ),
    ],
  ),
  province(
    '35',
    'Jawa Timur',
    'WIB',
    15,
    [
      ['javanese', 80],
      ['madurese', 20],
    ],
    [
      regency(
        '3578',
        'Kota Surabaya',
        'Kel.',
        'Tambaksari: Pacar Keling, Ploso | Semampir: Ampel, Wonokusumo',
      ),
      regency('3507', 'Kabupaten Malang', 'Desa', 'Kepanjen: Penarukan, Ardirejo | Turen: Sedayu, Talok'),
      regency(
        '3509',
        'Kabupaten Jember',
        'Desa',
        'Kaliwates: Kepatihan, Sempusari | Ambulu: Sabrang, Andongsari',
      ),
      regency(
        '3527',
        'Kabupaten Sampang',
        'Desa',
        'Sampang: Dalpenang, Rongtengah | Torjun: Kodak, Pangongsean',
      ),
    ],
  ),
  province(
    '36',
    'Banten',
    'WIB',
    5,
    [
      ['sundanese', 50],
      ['javanese', 30],
      ['betawi', 20],
    ],
    [
      regency(
        '3604',
        'Kabupaten Serang',
        'Desa',
        'Ciruas: Ranjeng, Cigelam | Kramatwatu: Margasana, Pejaten',
      ),
      regency(
        '3602',
        'Kabupaten Lebak',
        'Desa',
        'Rangkasbitung: Cijoro Lebak, Muara Ciujung Timur | Cibadak: Pasar Keong, Tambakbaya',
      ),
      regency(
        '3671',
        'Kota Tangerang',
        'Kel.',
        'Cipondoh: Poris Plawad, Ketapang | Periuk: Gebang Raya, Sangiang Jaya',
      ),
    ],
  ),
  province(
    '51',
    'Bali',
    'WITA',
    2.5,
    [
      ['balinese', 90],
      ['javanese', 10],
    ],
    [
      regency(
        '5108',
        'Kabupaten Buleleng',
        'Desa',
        'Buleleng: Banyuasri, Kampung Baru | Seririt: Pangkungparuk, Ularan',
      ),
      regency(
        '5107',
        'Kabupaten Karangasem',
        'Desa',
        'Karangasem: Subagan, Padangkerta | Kubu: Tianyar, Ban',
      ),
      regency(
        '5171',
        'Kota Denpasar',
        'Kel.',
        'Denpasar Selatan: Sesetan, Sidakarya | Denpasar Utara: Peguyangan, Ubung',
      ),
    ],
  ),
  province(
    '53',
    'Nusa Tenggara Timur',
    'WITA',
    4,
    [['ntt', 1]],
    [
      regency('5371', 'Kota Kupang', 'Kel.', 'Oebobo: Oebobo, Fatululi | Maulafa: Penfui, Sikumana'),
      regency(
        '5304',
        'Kabupaten Timor Tengah Selatan',
        'Desa',
        'Kota Soe: Kobelete, Oekefan | Mollo Utara: Fatumnasi, Bijaepasu',
      ),
      regency('5307', 'Kabupaten Sikka', 'Desa', 'Alok: Kota Uneng, Wairotang | Nita: Nita, Tilang'),
    ],
  ),
  province(
    '63',
    'Kalimantan Selatan',
    'WITA',
    3,
    [
      ['banjar', 75],
      ['javanese', 15],
      ['dayak', 10],
    ],
    [
      regency(
        '6371',
        'Kota Banjarmasin',
        'Kel.',
        'Banjarmasin Utara: Alalak Utara, Sungai Jingah | Banjarmasin Selatan: Pekauman, Kelayan Selatan',
      ),
      regency(
        '6372',
        'Kota Banjarbaru',
        'Kel.',
        'Landasan Ulin: Guntung Payung, Landasan Ulin Timur | Cempaka: Cempaka, Sungai Tiung',
      ),
      regency(
        '6303',
        'Kabupaten Banjar',
        'Desa',
        'Martapura: Jawa, Keraton | Astambul: Astambul Seberang, Pasar Jati',
      ),
    ],
  ),
  province(
    '64',
    'Kalimantan Timur',
    'WITA',
    3,
    [
      ['banjar', 30],
      ['bugis', 25],
      ['javanese', 25],
      ['dayak', 20],
    ],
    [
      regency(
        '6472',
        'Kota Samarinda',
        'Kel.',
        'Samarinda Ulu: Air Putih, Gunung Kelua | Sungai Kunjang: Loa Bakung, Karang Asam Ulu',
      ),
      regency(
        '6471',
        'Kota Balikpapan',
        'Kel.',
        'Balikpapan Utara: Batu Ampar, Gunung Samarinda | Balikpapan Barat: Margo Mulyo, Baru Ulu',
      ),
      regency(
        '6403',
        'Kabupaten Kutai Kartanegara',
        'Desa',
        'Tenggarong: Loa Ipuh, Maluhu | Loa Kulu: Loa Kulu Kota, Jembayan',
      ),
    ],
  ),
  province(
    '71',
    'Sulawesi Utara',
    'WITA',
    2,
    [
      ['minahasa', 85],
      ['bugis', 15],
    ],
    [
      regency(
        '7171',
        'Kota Manado',
        'Kel.',
        'Wenang: Wenang Utara, Bumi Beringin | Tikala: Tikala Baru, Banjer',
      ),
      regency(
        '7102',
        'Kabupaten Minahasa',
        'Desa',
        'Tondano Barat: Roong, Wawalintouan | Kawangkoan: Sendangan, Uner',
      ),
    ],
  ),
  province(
    '72',
    'Sulawesi Tengah',
    'WITA',
    2.5,
    [
      ['bugis', 60],
      ['javanese', 20],
      ['minahasa', 20],
    ],
    [
      regency('7271', 'Kota Palu', 'Kel.', 'Palu Barat: Balaroa, Ujuna | Mantikulore: Talise, Tondo'),
      regency('7210', 'Kabupaten Sigi', 'Desa', 'Sigi Biromaru: Mpanau, Loru | Dolo: Kota Pulu, Soulowe'),
    ],
  ),
  province(
    '73',
    'Sulawesi Selatan',
    'WITA',
    5,
    [
      ['bugis', 85],
      ['toraja', 15],
    ],
    [
      regency(
        '7371',
        'Kota Makassar',
        'Kel.',
        'Tamalate: Mangasa, Parang Tambung | Biringkanaya: Daya, Paccerakkang | Tallo: Rappokalling, Lakkang',
      ),
      regency(
        '7306',
        'Kabupaten Gowa',
        'Desa',
        'Somba Opu: Sungguminasa, Batangkaluku | Bontonompo: Bontobiraeng, Kalebarembeng',
      ),
      regency(
        '7308',
        'Kabupaten Bone',
        'Desa',
        'Tanete Riattang: Bukaka, Manurunge | Dua Boccoe: Unyi, Pacubbe',
      ),
      regency(
        '7318',
        'Kabupaten Tana Toraja',
        'Desa',
        "Makale: Bombongan, Lamunan | Mengkendek: Tampo, Ge'tengan",
      ),
    ],
  ),
  province(
    '81',
    'Maluku',
    'WIT',
    4,
    [
      ['ambonese', 90],
      ['bugis', 10],
    ],
    [
      regency(
        '8171',
        'Kota Ambon',
        'Kel.',
        'Sirimau: Batu Merah, Waihaong | Nusaniwe: Benteng, Amahusu | Teluk Ambon: Rumah Tiga, Poka',
      ),
      regency(
        '8101',
        'Kabupaten Maluku Tengah',
        'Desa',
        'Kota Masohi: Namaelo, Lesane | Salahutu: Tulehu, Liang',
      ),
    ],
  ),
  province(
    '82',
    'Maluku Utara',
    'WIT',
    2,
    [
      ['north_maluku', 90],
      ['bugis', 10],
    ],
    [
      regency(
        '8271',
        'Kota Ternate',
        'Kel.',
        'Ternate Tengah: Gamalama, Makassar Timur | Ternate Selatan: Kalumpang, Bastiong Karance',
      ),
      regency(
        '8201',
        'Kabupaten Halmahera Barat',
        'Desa',
        'Jailolo: Gamtala, Hate Bicara | Sahu: Susupu, Taraudu',
      ),
    ],
  ),
  province(
    '91',
    'Papua',
    'WIT',
    5,
    [
      ['papuan', 80],
      ['bugis', 10],
      ['javanese', 10],
    ],
    [
      regency(
        '9171',
        'Kota Jayapura',
        'Kel.',
        'Abepura: Kota Baru, Yobe | Jayapura Utara: Tanjung Ria, Bhayangkara | Heram: Waena, Hedam',
      ),
      regency(
        '9103',
        'Kabupaten Jayapura',
        'Kampung',
        'Sentani: Hinekombe, Dobonsolo | Waibu: Doyo Lama, Sosiri',
      ),
      regency(
        '9106',
        'Kabupaten Biak Numfor',
        'Kampung',
        'Biak Kota: Fandoi, Burokub | Samofa: Inggiri, Sumberker',
      ),
    ],
    'Distrik',
  ),
];

export const PROVINCE_TABLE = weightedTable(PROVINCES.map((p) => [p, p.weight] as const));

export const STREETS = words(
  'Jl. Merdeka, Jl. Jenderal Sudirman, Jl. Diponegoro, Jl. Pahlawan, Jl. Ahmad Yani, Jl. Gajah Mada, Jl. Imam Bonjol, ' +
    'Jl. Kartini, Jl. Pattimura, Jl. Sultan Hasanuddin, Jl. Cut Nyak Dien, Jl. Teuku Umar, Jl. Veteran, Jl. Kenanga, ' +
    'Jl. Melati, Jl. Mawar, Jl. Anggrek, Jl. Flamboyan, Jl. Cempaka, Jl. Nusa Indah, Jl. Mangga, Jl. Rambutan, ' +
    'Jl. Pemuda, Jl. Pramuka, Jl. Masjid, Jl. Pasar Baru, Jl. Sekolah, Jl. Kebun Jeruk, Jl. Lapangan, Jl. Irigasi, ' +
    'Gg. Damai, Gg. Sawo, Gg. Mushola, Gg. Kelinci, Gg. Rukun, Gg. Sukamaju, Lr. Bahagia, Lr. Sejahtera',
);

export interface Place {
  province: Province;
  regency: Regency;
  district: District;
  village: string;
}

export function pickPlace(rng: Random, province: Province): Place {
  const regency = rng.pick(province.regencies);
  const district = rng.pick(regency.districts);
  return { province, regency, district, village: rng.pick(district.villages) };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function streetAddress(rng: Random, place: Place): string {
  const { province, regency, district, village } = place;
  const area = `${regency.villageLabel} ${village}, ${province.districtLabel} ${district.name}, ${regency.name}, ${province.name}`;
  // Villages outside cities often have no street numbers; people give the hamlet instead.
  if (regency.villageLabel !== 'Kel.' && rng.chance(0.4)) {
    const hamlet = rng.chance(0.5)
      ? `Dusun ${rng.pick(['I', 'II', 'III', 'IV', 'V'])}`
      : `RT ${pad(rng.int(1, 12), 3)}/RW ${pad(rng.int(1, 6), 3)}`;
    return `${hamlet}, ${area}`;
  }
  return `${rng.pick(STREETS)} No. ${rng.int(1, 180)}, RT ${pad(rng.int(1, 15), 3)}/RW ${pad(rng.int(1, 12), 3)}, ${area}`;
}

// ---------------------------------------------------------------------------------------------
// Identity numbers and phones
// ---------------------------------------------------------------------------------------------

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export function randomDate(rng: Random, fromYear: number, toYear: number): CalendarDate {
  const year = rng.int(fromYear, toYear);
  const month = rng.int(1, 12);
  // Never 29 February: the schema accepts it, but half the generated years are not leap years.
  const day = rng.int(1, DAYS_IN_MONTH[month - 1] ?? 28);
  return { year, month, day };
}

/** Six digits: the regency's code and a fictitious district code 90–99 (see the header). */
function fictitiousRegionCode(rng: Random, regency: Regency): string {
  return `${regency.code}9${rng.int(0, 9)}`;
}

const ddmmyy = (date: CalendarDate, dayOffset = 0) =>
  `${pad(date.day + dayOffset, 2)}${pad(date.month, 2)}${pad(date.year % 100, 2)}`;

/** A NIK: region code, date of birth as DDMMYY (day + 40 for women), serial 0001–9999. */
export function makeNik(rng: Random, regency: Regency, birth: CalendarDate, gender: Gender): string {
  return `${fictitiousRegionCode(rng, regency)}${ddmmyy(birth, gender === 'female' ? 40 : 0)}${pad(rng.int(1, 9999), 4)}`;
}

/** A KK number: region code, date of issue as DDMMYY, serial 0001–9999. */
export function makeKk(rng: Random, regency: Regency, issued: CalendarDate): string {
  return `${fictitiousRegionCode(rng, regency)}${ddmmyy(issued)}${pad(rng.int(1, 9999), 4)}`;
}

/** Whether a NIK or KK number carries the fictitious district range this module uses. */
export function isFictitiousIdentity(value: string): boolean {
  return /^\d{4}9\d{11}$/.test(value);
}

// Mobile prefixes of the big operators (Telkomsel, Indosat, XL, Tri, Smartfren), after the 8.
const MOBILE_PREFIXES = words(
  '11, 12, 13, 21, 22, 23, 52, 53, 14, 15, 16, 55, 56, 57, 58, 17, 18, 19, 59, 77, 78, 95, 96, 97, 98, 99, 81, 82, 83, 87, 88, 89',
);

/** A mobile number in the stored form, +628…, 10–12 digits after the country code. */
export function makePhone(rng: Random): string {
  return `+628${rng.pick(MOBILE_PREFIXES)}${rng.digits(rng.int(7, 8))}`;
}
