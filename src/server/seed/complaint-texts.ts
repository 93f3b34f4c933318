/**
 * What synthetic cases say, in Bahasa Indonesia: complaint, aspiration and question texts by
 * topic, the admin's archive reasons and normative answers, the field staff's findings and the
 * liaison officer's finishing notes. Templates carry {slots} filled per case (village, stage,
 * bank, ...), so thousands of cases read differently without any personal data in the text.
 */
import type { CaseKind } from '../../shared';
import type { Place } from './indonesia';
import type { Random } from './random';

interface Template {
  title: string;
  body: string;
  /** How such a case is usually handled; general texts of the topic stand in when absent. */
  handling?: Handling;
}

interface TopicTexts {
  complaints: readonly Template[];
  aspirations: readonly Template[];
  questions: readonly Template[];
}

const MONTHS = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
];

type SlotMaker = (rng: Random, place: Place) => string;

const SLOTS: Record<string, SlotMaker> = {
  desa: (_r, p) => p.village,
  kecamatan: (_r, p) => p.district.name,
  kabupaten: (_r, p) => p.regency.name,
  provinsi: (_r, p) => p.province.name,
  tahap: (r) => `tahap ${r.int(1, 4)}`,
  bulan: (r) => r.pick(MONTHS),
  tahun_awal: (r) => String(r.int(2015, 2023)),
  bank: (r) => r.pick(['BRI', 'BNI', 'Bank Mandiri', 'BSI', 'PT Pos Indonesia']),
  anak: (r) => r.pick(['dua', 'tiga', 'empat', 'lima']),
  lama: (r) => r.pick(['dua bulan', 'tiga bulan', 'enam bulan', 'hampir setahun', 'lebih dari setahun']),
  kerabat: (r) => r.pick(['ibu saya', 'ayah saya', 'nenek saya', 'suami saya', 'istri saya', 'mertua saya']),
  bencana: (r) =>
    r.pick([
      'banjir',
      'tanah longsor',
      'kebakaran permukiman',
      'gempa bumi',
      'angin puting beliung',
      'banjir rob',
    ]),
  potongan: (r) => r.pick(['Rp50.000', 'Rp100.000', 'Rp25.000', 'Rp150.000']),
  usia_anak: (r) => String(r.int(4, 14)),
  usia_lansia: (r) => String(r.int(68, 92)),
  jumlah_kk: (r) => String(r.int(12, 240)),
  hari: (r) => r.pick(['dua', 'tiga', 'empat', 'lima']),
  petugas: (r) =>
    r.pick(['pendamping PKH', 'TKSK', 'operator SIKS-NG desa', 'ketua kelompok PKH', 'petugas e-warong']),
  alat: (r) => r.pick(['kursi roda', 'alat bantu dengar', 'kaki palsu', 'tongkat adaptif', 'kacamata baca']),
};

/** Fills {slot}s; a slot used twice in one text gets the same value. */
function fill(rng: Random, place: Place, text: string, memo: Map<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const known = memo.get(key);
    if (known !== undefined) return known;
    const maker = SLOTS[key];
    if (!maker) return whole;
    const value = maker(rng, place);
    memo.set(key, value);
    return value;
  });
}

interface Handling {
  /** What the field visit found. */
  f: string;
  /** What was done. */
  a: string;
  /** The liaison officer's finishing note. */
  r: string;
}

const t = (title: string, body: string, handling?: Handling): Template => ({
  title,
  body,
  ...(handling ? { handling } : {}),
});

export const TOPIC_TEXTS: Record<string, TopicTexts> = {
  dtks: {
    complaints: [
      t(
        'Nama tidak terdaftar di DTKS padahal keluarga miskin',
        'Keluarga kami termasuk keluarga tidak mampu; suami bekerja serabutan dan kami menanggung {anak} anak, tetapi nama kami tidak terdaftar di DTKS sehingga tidak pernah menerima bantuan sosial apa pun. Sudah diusulkan lewat desa {desa} sejak {lama} lalu namun belum ada hasil.',
        {
          f: 'Keluarga tinggal di rumah semi permanen dan kepala keluarga bekerja serabutan; usulan dari desa {desa} belum diunggah operator ke SIKS-NG.',
          a: 'Mendampingi operator desa mengunggah usulan dan berkoordinasi dengan Dinas Sosial {kabupaten} untuk verifikasi lapangan.',
          r: 'Keluarga pelapor telah diusulkan dan ditetapkan masuk DTKS pada pemutakhiran bulan berjalan.',
        },
      ),
      t(
        'Data keluarga di DTKS tidak sesuai KK terbaru',
        'Setelah pisah KK dari orang tua, data kami di DTKS masih mengikuti KK lama sehingga status kepesertaan bantuan tidak jelas. Operator desa menyarankan melapor ke Kementerian Sosial.',
        {
          f: 'Data DTKS masih mengikuti KK lama; KK baru pelapor sudah terbit dan terdaftar di Dukcapil.',
          a: 'Mengajukan perbaikan susunan keluarga melalui operator SIKS-NG desa.',
          r: 'Data keluarga pelapor telah diperbarui sesuai KK terbaru di DTKS.',
        },
      ),
      t(
        'Tercatat meninggal di DTKS padahal masih hidup',
        'Menurut operator desa, {kerabat} tercatat sudah meninggal dunia di DTKS sehingga bantuannya dihentikan, padahal yang bersangkutan masih hidup dan tinggal bersama kami di {desa}, {kabupaten}.',
        {
          f: 'Anggota keluarga yang tercatat meninggal ternyata masih hidup; kesalahan berasal dari pemutakhiran data desa.',
          a: 'Mengajukan perbaikan status melalui musyawarah desa dan operator SIKS-NG, disertai surat keterangan dari desa {desa}.',
          r: 'Status anggota keluarga pelapor telah dipulihkan di DTKS dan bantuannya diusulkan kembali.',
        },
      ),
      t(
        'Usulan masuk DTKS lewat desa tidak pernah diproses',
        'Kami sudah mengajukan usulan masuk DTKS ke kantor desa {desa} dan mengikuti musyawarah desa, tetapi saat dicek di cekbansos.kemensos.go.id nama kami tetap tidak muncul setelah {lama}.',
        {
          f: 'Usulan dari musyawarah desa {desa} tertahan di tingkat kabupaten karena berita acara belum ditandatangani.',
          a: 'Berkoordinasi dengan Dinas Sosial {kabupaten} agar usulan diverifikasi dan diteruskan.',
          r: 'Usulan desa telah diproses dan keluarga pelapor tercatat di DTKS.',
        },
      ),
      t(
        'Keluarga mampu masuk DTKS, warga miskin tidak',
        'Di RT kami ada beberapa keluarga yang memiliki rumah permanen dan mobil tetapi terdaftar di DTKS dan menerima bantuan, sementara tetangga kami seorang lansia yang tinggal sendiri tidak terdaftar. Mohon dilakukan verifikasi ulang data di {desa}.',
        {
          f: 'Beberapa keluarga penerima memang tergolong mampu; lansia yang dimaksud belum pernah diusulkan.',
          a: 'Mengusulkan penonaktifan penerima yang tidak layak dan pengusulan lansia melalui musyawarah desa.',
          r: 'Data penerima di lingkungan pelapor telah diverifikasi ulang; lansia yang dilaporkan telah diusulkan masuk DTKS.',
        },
      ),
      t(
        'NIK tidak padan sehingga dikeluarkan dari DTKS',
        'Data keluarga kami dikeluarkan dari DTKS dengan alasan NIK tidak padan dengan data kependudukan, padahal KTP elektronik dan KK kami sudah benar dan terdaftar di Dukcapil {kabupaten}.',
        {
          f: 'NIK kepala keluarga berbeda satu digit antara DTKS dan data Dukcapil sehingga data tidak padan.',
          a: 'Memperbaiki NIK di SIKS-NG setelah dikonfirmasi Dukcapil {kabupaten}.',
          r: 'Data pelapor telah padan dengan data kependudukan dan aktif kembali di DTKS.',
        },
      ),
      t(
        'Sanggahan data DTKS belum ditanggapi',
        'Kami sudah menyampaikan sanggahan atas data DTKS melalui aplikasi Cek Bansos sejak {lama} lalu, tetapi belum ada tanggapan dan status kami tetap tidak layak.',
        {
          f: 'Sanggahan pelapor tercatat di aplikasi tetapi belum ditindaklanjuti operator kabupaten.',
          a: 'Meminta Dinas Sosial memproses sanggahan dan melakukan kunjungan verifikasi.',
          r: 'Sanggahan pelapor telah diproses dan hasilnya disampaikan kepada pelapor.',
        },
      ),
      t(
        'Status kesejahteraan di DTKS tidak sesuai kondisi',
        'Keluarga kami tercatat sebagai keluarga mampu di DTKS sehingga dicoret dari bantuan, padahal rumah kami berdinding papan dan penghasilan tidak tetap. Mohon dilakukan survei ulang ke rumah kami.',
        {
          f: 'Kondisi rumah dan penghasilan keluarga tidak sesuai dengan peringkat kesejahteraan yang tercatat.',
          a: 'Melakukan survei ulang bersama operator desa dan mengajukan perbaikan data.',
          r: 'Peringkat kesejahteraan keluarga pelapor telah diperbaiki sesuai hasil survei.',
        },
      ),
    ],
    aspirations: [
      t(
        'Usulan pemutakhiran DTKS lebih sering',
        'Kami mengusulkan agar pemutakhiran DTKS di {desa} tidak hanya setahun sekali, karena banyak warga yang kondisinya berubah setelah kehilangan pekerjaan.',
      ),
      t(
        'Mohon sosialisasi cara cek DTKS bagi lansia',
        'Banyak lansia di {kecamatan} tidak bisa memakai aplikasi Cek Bansos. Mohon ada petugas yang membantu pengecekan di kantor desa.',
      ),
    ],
    questions: [
      t(
        'Cara mendaftarkan keluarga ke DTKS',
        'Mohon informasi langkah dan persyaratan mendaftarkan keluarga kami ke DTKS. Apakah cukup melalui desa atau harus ke Dinas Sosial {kabupaten}?',
      ),
      t(
        'Berapa lama proses usulan DTKS sampai ditetapkan?',
        'Kami sudah mengusulkan diri masuk DTKS melalui desa {desa}. Berapa lama biasanya sampai data ditetapkan dan bisa dicek?',
      ),
    ],
  },
  pkh: {
    complaints: [
      t(
        'Bantuan PKH {tahap} belum cair',
        'Saya penerima PKH sejak {tahun_awal}. Bantuan {tahap} belum masuk ke rekening KKS {bank} saya, padahal penerima lain di {desa} sudah mencairkan sejak bulan {bulan}.',
        {
          f: 'Bantuan PKH {tahap} pelapor tertahan karena rekening KKS di {bank} tidak aktif.',
          a: 'Mendampingi pelapor mengaktifkan rekening di {bank} dan mengusulkan penyaluran susulan.',
          r: 'Bantuan PKH {tahap} telah masuk ke rekening KKS pelapor setelah rekening diaktifkan.',
        },
      ),
      t(
        'Saldo KKS kosong saat dicek di agen',
        'Saat dicek di agen bank, saldo KKS PKH saya kosong, padahal menurut pendamping bantuan {tahap} sudah disalurkan. Saya tidak pernah menarik uang tersebut.',
        {
          f: 'Riwayat rekening menunjukkan bantuan belum disalurkan ke rekening pelapor karena data rekening bermasalah.',
          a: 'Berkoordinasi dengan bank penyalur dan koordinator PKH kabupaten untuk penyaluran ulang.',
          r: 'Saldo bantuan telah masuk ke KKS pelapor dan dapat dicairkan.',
        },
      ),
      t(
        'Pendamping PKH meminta potongan dari bantuan',
        'Oknum {petugas} di wilayah kami meminta {potongan} dari setiap penerima setiap kali pencairan dengan alasan uang administrasi. Warga takut menolak karena diancam dicoret dari daftar.',
        {
          f: 'Pelapor dan beberapa peserta lain membenarkan adanya permintaan uang {potongan} oleh oknum {petugas}.',
          a: 'Meminta keterangan yang bersangkutan dan melaporkan temuan kepada koordinator kabupaten serta Inspektorat.',
          r: 'Oknum {petugas} telah dikenai sanksi dan uang yang dipungut dikembalikan kepada peserta.',
        },
      ),
      t(
        'Kartu KKS hilang dan belum diganti',
        'Kartu KKS saya hilang sejak {lama} lalu. Sudah melapor ke pendamping dan bank {bank}, tetapi kartu pengganti belum diterbitkan sehingga bantuan PKH tidak bisa diambil.',
        {
          f: 'Permohonan penggantian KKS belum diteruskan ke bank penyalur.',
          a: 'Mendampingi pelapor ke kantor {bank} dengan surat keterangan dari Dinas Sosial.',
          r: 'KKS pengganti telah diterbitkan dan bantuan tertunda telah dicairkan.',
        },
      ),
      t(
        'Nama dicoret dari PKH tanpa pemberitahuan',
        'Sejak bulan {bulan} kami tidak lagi menerima PKH tanpa pemberitahuan apa pun, padahal masih memiliki {anak} anak usia sekolah dan seorang lansia dalam keluarga.',
        {
          f: 'Pelapor dinonaktifkan karena komponen keluarga tidak diperbarui di aplikasi; anak usia sekolah dan lansia masih ada.',
          a: 'Memperbarui data komponen dan mengusulkan pengaktifan kembali kepesertaan.',
          r: 'Kepesertaan PKH pelapor telah diaktifkan kembali mulai tahap berikutnya.',
        },
      ),
      t(
        'Bantuan PKH ditarik pihak lain',
        'Menurut riwayat rekening, bantuan PKH {tahap} sudah ditarik, tetapi kami tidak pernah menerima uangnya. Kartu KKS selama ini dipegang oleh ketua kelompok.',
        {
          f: 'KKS pelapor selama ini dipegang ketua kelompok; penarikan dilakukan tanpa sepengetahuan pelapor.',
          a: 'Mengembalikan KKS kepada pelapor, mengganti PIN dan melaporkan kejadian kepada koordinator PKH.',
          r: 'KKS telah dikembalikan kepada pelapor dan dana yang ditarik telah dikembalikan.',
        },
      ),
      t(
        'Komponen anak sekolah belum dihitung',
        'Anak kami yang masuk SMP tahun ini belum dihitung sebagai komponen PKH sehingga nilai bantuan tetap sama. Data sekolah sudah diserahkan ke pendamping sejak {lama} lalu.',
        {
          f: 'Data sekolah anak pelapor belum dimasukkan pendamping ke aplikasi.',
          a: 'Memasukkan data komponen pendidikan dan memvalidasinya bersama sekolah.',
          r: 'Komponen pendidikan anak pelapor telah dihitung pada penyaluran berikutnya.',
        },
      ),
      t(
        'Pertemuan kelompok PKH dipungut biaya',
        'Setiap pertemuan kelompok PKH di {desa}, peserta diminta membayar {potongan} untuk konsumsi dan fotokopi. Kami keberatan karena bantuan yang diterima tidak besar.',
        {
          f: 'Pungutan untuk konsumsi pertemuan kelompok dibenarkan oleh beberapa peserta.',
          a: 'Memberi pembinaan kepada pendamping dan ketua kelompok bahwa pertemuan tidak boleh dipungut biaya.',
          r: 'Pungutan dalam pertemuan kelompok PKH di {desa} telah dihentikan.',
        },
      ),
    ],
    aspirations: [
      t(
        'Usulan jadwal pencairan PKH diumumkan lebih awal',
        'Kami mengusulkan agar jadwal pencairan PKH diumumkan lebih awal, supaya peserta di desa terpencil seperti {desa} dapat mengatur perjalanan ke kantor bank.',
      ),
      t(
        'Mohon penambahan pendamping PKH di daerah terpencil',
        'Satu pendamping PKH di {kecamatan} melayani ratusan keluarga dengan jarak antardesa yang jauh. Mohon penambahan pendamping.',
      ),
    ],
    questions: [
      t(
        'Syarat menjadi peserta PKH',
        'Mohon informasi syarat menjadi peserta PKH. Keluarga kami memiliki ibu hamil dan dua anak balita, apakah bisa diusulkan?',
      ),
      t(
        'Jadwal pencairan PKH {tahap}',
        'Kapan jadwal pencairan PKH {tahap} untuk wilayah {kabupaten}? Kami belum mendapat informasi dari pendamping.',
      ),
    ],
  },
  bpnt: {
    complaints: [
      t(
        'BPNT bulan {bulan} belum diterima',
        'Bantuan pangan non tunai untuk bulan {bulan} belum masuk ke kartu KKS kami, sementara tetangga di {desa} sudah berbelanja di e-warong.',
        {
          f: 'Saldo bantuan bulan {bulan} belum masuk karena data penerima sedang dalam proses perbaikan.',
          a: 'Berkoordinasi dengan Dinas Sosial dan bank penyalur untuk penyaluran susulan.',
          r: 'Bantuan bulan {bulan} telah masuk ke KKS pelapor.',
        },
      ),
      t(
        'Agen e-warong memaksa membeli paket tertentu',
        'Agen e-warong di {desa} hanya memberikan paket beras dan telur yang sudah ditentukan dengan harga lebih mahal dari harga pasar. Penerima tidak boleh memilih bahan pangan sendiri.',
        {
          f: 'Agen e-warong di {desa} menjual paket sembako yang ditentukan sendiri dengan harga di atas harga pasar.',
          a: 'Berkoordinasi dengan bank penyalur dan Dinas Sosial untuk menegur agen.',
          r: 'Agen e-warong telah diberi teguran tertulis; penerima kini bebas memilih bahan pangan.',
        },
      ),
      t(
        'Kualitas beras bantuan pangan buruk',
        'Beras yang kami terima dari e-warong berbau apek, berkutu dan bercampur batu kecil. Hal ini sudah terjadi dua kali berturut-turut.',
        {
          f: 'Sampel beras di e-warong berbau apek dan berkutu.',
          a: 'Meminta agen menarik beras tersebut dan menggantinya dengan beras layak konsumsi.',
          r: 'Beras telah diganti dan agen diminta menjaga mutu bahan pangan.',
        },
      ),
      t(
        'Bantuan sembako dipotong agen',
        'Nilai belanja yang kami terima tidak sesuai dengan saldo bantuan. Agen menahan sebagian saldo dengan alasan biaya transport {potongan}.',
        {
          f: 'Agen menahan sebagian saldo penerima sebesar {potongan} dengan alasan biaya transport.',
          a: 'Melaporkan agen kepada bank penyalur dan mendampingi penerima menerima haknya.',
          r: 'Kerja sama bank dengan agen tersebut dihentikan dan penerima mendapat haknya secara penuh.',
        },
      ),
      t(
        'KKS terblokir sehingga BPNT tidak bisa dibelanjakan',
        'Kartu KKS saya terblokir karena salah memasukkan PIN. Sudah ke kantor {bank} tetapi diminta surat dari Dinas Sosial, dan sampai sekarang bantuan tidak bisa dipakai.',
        {
          f: 'Kartu KKS pelapor terblokir setelah tiga kali salah PIN; saldo bantuan masih utuh.',
          a: 'Mendampingi pelapor ke kantor {bank} dengan surat pengantar Dinas Sosial untuk membuka blokir kartu.',
          r: 'Kartu KKS pelapor telah aktif kembali dan saldo dapat dibelanjakan.',
        },
      ),
      t(
        'Penerima BPNT di desa tidak tepat sasaran',
        'Di {desa} ada penerima BPNT yang merupakan perangkat desa dan pedagang mampu, sedangkan janda lansia di lingkungan kami tidak menerima.',
        {
          f: 'Sebagian penerima BPNT di {desa} tergolong mampu; janda lansia yang dimaksud belum terdaftar.',
          a: 'Mengusulkan penggantian penerima melalui musyawarah desa.',
          r: 'Penerima yang tidak layak telah diusulkan untuk dinonaktifkan dan lansia yang dilaporkan diusulkan sebagai penerima.',
        },
      ),
      t(
        'Undangan pencairan melalui Pos tidak sampai',
        'Bantuan sembako disalurkan melalui PT Pos Indonesia, tetapi kami tidak menerima surat undangan sehingga tidak bisa mengambil bantuan sebelum batas waktu.',
        {
          f: 'Alamat pelapor pada data penyaluran tidak lengkap sehingga undangan tidak sampai.',
          a: 'Memperbaiki alamat dan mengatur pengambilan susulan di kantor pos.',
          r: 'Pelapor telah mengambil bantuan melalui penyaluran susulan PT Pos Indonesia.',
        },
      ),
    ],
    aspirations: [
      t(
        'Usulan e-warong di setiap desa',
        'Warga {desa} harus menempuh perjalanan jauh ke e-warong di kecamatan. Kami mengusulkan agar e-warong dibuka di setiap desa.',
      ),
    ],
    questions: [
      t(
        'Cara mengaktifkan kembali kartu KKS',
        'Bagaimana cara mengaktifkan kembali kartu KKS yang terblokir agar saldo BPNT bisa dibelanjakan?',
      ),
      t(
        'Apakah BPNT boleh dibelanjakan di warung mana saja?',
        'Mohon penjelasan apakah penerima BPNT wajib berbelanja di e-warong tertentu atau bebas memilih agen.',
      ),
    ],
  },
  disaster: {
    complaints: [
      t(
        'Korban {bencana} di {desa} belum menerima bantuan logistik',
        'Sejak {bencana} melanda {desa}, {kecamatan}, {hari} hari lalu, sekitar {jumlah_kk} KK mengungsi di balai desa dan belum menerima bantuan makanan, selimut dan air bersih.',
        {
          f: 'Sekitar {jumlah_kk} KK mengungsi di balai desa {desa}; kebutuhan mendesak berupa makanan siap saji, air bersih dan selimut.',
          a: 'Menyalurkan bantuan logistik dari gudang Dinas Sosial dan membuka dapur umum bersama Tagana.',
          r: 'Bantuan logistik telah disalurkan kepada pengungsi {bencana} di {desa} dan dapur umum telah beroperasi.',
        },
      ),
      t(
        'Rumah rusak berat akibat {bencana} belum didata',
        'Rumah kami rusak berat akibat {bencana}, tetapi belum ada petugas yang mendata. Kami sekarang menumpang di rumah saudara bersama {anak} anak.',
        {
          f: 'Rumah pelapor rusak berat akibat {bencana} dan belum masuk data kerusakan BPBD.',
          a: 'Mendata kerusakan bersama BPBD dan perangkat desa serta memberikan bantuan isi hunian.',
          r: 'Rumah pelapor telah masuk data kerusakan dan keluarganya menerima bantuan isi hunian.',
        },
      ),
      t(
        'Pengungsi membutuhkan makanan bayi dan obat',
        'Di posko pengungsian {bencana} di {desa} terdapat banyak balita dan lansia. Persediaan makanan bayi, popok dan obat-obatan sudah habis sejak kemarin.',
        {
          f: 'Posko pengungsian kekurangan makanan bayi, popok dan obat-obatan.',
          a: 'Mengirim paket kebutuhan balita dan lansia serta berkoordinasi dengan puskesmas.',
          r: 'Kebutuhan balita dan lansia di posko pengungsian {desa} telah dipenuhi.',
        },
      ),
      t(
        'Santunan ahli waris korban {bencana} belum diterima',
        'Keluarga kami kehilangan {kerabat} akibat {bencana}. Berkas santunan ahli waris sudah diserahkan ke Dinas Sosial {kabupaten} sejak {lama} lalu tetapi belum ada kabar.',
        {
          f: 'Berkas santunan ahli waris sudah lengkap tetapi belum diverifikasi Dinas Sosial {kabupaten}.',
          a: 'Mempercepat verifikasi berkas bersama Dinas Sosial dan BPBD.',
          r: 'Santunan ahli waris telah diserahkan kepada keluarga korban {bencana}.',
        },
      ),
      t(
        'Dapur umum di pengungsian berhenti beroperasi',
        'Dapur umum untuk korban {bencana} di {kecamatan} berhenti beroperasi, padahal masih ada {jumlah_kk} KK yang belum bisa kembali ke rumah.',
        {
          f: 'Dapur umum berhenti karena bahan makanan habis, sementara {jumlah_kk} KK masih mengungsi.',
          a: 'Mengirim tambahan bahan makanan dan mengaktifkan kembali dapur umum bersama Tagana.',
          r: 'Dapur umum di {kecamatan} telah beroperasi kembali sampai masa tanggap darurat berakhir.',
        },
      ),
      t(
        'Lansia dan penyandang disabilitas belum dievakuasi',
        'Masih ada lansia dan penyandang disabilitas yang terjebak di rumah setelah {bencana} di {desa}. Mohon segera dikirim petugas Tagana.',
        {
          f: 'Beberapa lansia dan penyandang disabilitas masih berada di rumah yang terdampak {bencana}.',
          a: 'Mengevakuasi warga bersama Tagana dan menyiapkan tempat pengungsian yang ramah disabilitas.',
          r: 'Lansia dan penyandang disabilitas di {desa} telah dievakuasi ke tempat yang aman.',
        },
      ),
    ],
    aspirations: [
      t(
        'Usulan pelatihan Tagana di desa rawan bencana',
        'Desa {desa} rawan {bencana} setiap tahun. Kami mengusulkan pelatihan Kampung Siaga Bencana dan Tagana bagi pemuda desa.',
      ),
    ],
    questions: [
      t(
        'Prosedur santunan ahli waris korban bencana',
        'Apa saja persyaratan dan prosedur pengajuan santunan ahli waris bagi korban meninggal akibat {bencana}?',
      ),
    ],
  },
  abuse: {
    complaints: [
      t(
        'Anak diduga mengalami kekerasan di rumah',
        'Seorang anak berusia {usia_anak} tahun di lingkungan kami sering terlihat memar dan menangis pada malam hari. Warga menduga anak tersebut mengalami kekerasan oleh orang tuanya.',
        {
          f: 'Anak berusia {usia_anak} tahun mengalami luka memar; ibu mengakui adanya kekerasan oleh ayah tiri.',
          a: 'Menjangkau anak bersama UPTD PPA, melakukan asesmen dan memberikan pendampingan psikososial.',
          r: 'Anak telah mendapat pendampingan psikososial dan kasusnya dirujuk ke UPTD PPA serta kepolisian.',
        },
      ),
      t(
        'Lansia ditelantarkan keluarga',
        'Seorang lansia berusia {usia_lansia} tahun tinggal sendirian di gubuk di {desa} tanpa makanan yang cukup. Anak-anaknya merantau dan tidak pernah mengirim kabar.',
        {
          f: 'Lansia berusia {usia_lansia} tahun tinggal sendirian tanpa makanan cukup dan dalam kondisi sakit.',
          a: 'Membawa lansia ke puskesmas dan memberikan bantuan permakanan melalui program ATENSI.',
          r: 'Lansia telah mendapat layanan perawatan sosial dan bantuan permakanan rutin.',
        },
      ),
      t(
        'Warga dengan gangguan jiwa dipasung',
        'Salah satu warga {desa} yang mengalami gangguan jiwa dipasung oleh keluarganya selama {lama} karena keluarga tidak mampu membiayai pengobatan.',
        {
          f: 'Warga dipasung dengan rantai di belakang rumah selama {lama}.',
          a: 'Melepas pasung bersama tenaga kesehatan dan merujuk ke rumah sakit jiwa.',
          r: 'Pasung telah dilepas dan warga mendapat perawatan serta rehabilitasi sosial.',
        },
      ),
      t(
        'Dugaan kekerasan dalam rumah tangga terhadap ibu dan anak',
        'Tetangga kami, seorang ibu dan {anak} anaknya, diduga sering mengalami kekerasan oleh suaminya. Korban takut melapor ke polisi dan membutuhkan pendampingan.',
        {
          f: 'Ibu dan anak-anaknya mengalami kekerasan fisik dan psikis; korban bersedia didampingi.',
          a: 'Mendampingi korban ke UPTD PPA dan menempatkan korban sementara di rumah aman.',
          r: 'Korban telah mendapat perlindungan di rumah aman dan pendampingan hukum.',
        },
      ),
      t(
        'Anak putus sekolah dipekerjakan mengemis',
        'Beberapa anak usia sekolah di {kecamatan} dipekerjakan mengemis di persimpangan jalan oleh orang dewasa yang bukan keluarganya.',
        {
          f: 'Anak-anak dipekerjakan mengemis oleh orang dewasa yang bukan keluarganya.',
          a: 'Menjangkau anak bersama Satpol PP dan Dinas Sosial serta menghubungi keluarganya.',
          r: 'Anak-anak telah dikembalikan kepada keluarga dan diikutkan kembali di sekolah.',
        },
      ),
      t(
        'Balita terlantar ditinggal orang tua',
        'Seorang balita ditinggal orang tuanya dan kini diasuh tetangga yang juga tidak mampu. Anak tersebut belum memiliki akta kelahiran.',
        {
          f: 'Balita diasuh tetangga yang tidak mampu dan belum memiliki akta kelahiran.',
          a: 'Memberikan bantuan kebutuhan anak dan mengurus akta kelahiran bersama Dukcapil.',
          r: 'Balita telah mendapat pengasuhan yang layak dan akta kelahirannya telah terbit.',
        },
      ),
    ],
    aspirations: [
      t(
        'Usulan rumah aman di kabupaten',
        'Kami mengusulkan dibangunnya rumah aman bagi korban kekerasan di {kabupaten}, karena korban selama ini harus dibawa ke ibu kota provinsi.',
      ),
    ],
    questions: [
      t(
        'Ke mana melaporkan kekerasan terhadap anak?',
        'Mohon informasi layanan yang dapat dihubungi bila mengetahui anak yang mengalami kekerasan di lingkungan kami di {kabupaten}.',
      ),
    ],
  },
  other: {
    complaints: [
      t(
        'Bantuan {alat} belum diterima',
        'Kami sudah mengajukan bantuan {alat} untuk anggota keluarga penyandang disabilitas melalui Dinas Sosial {kabupaten} sejak {lama} lalu, tetapi belum ada kabar.',
        {
          f: 'Penerima manfaat membutuhkan {alat} sesuai hasil asesmen; permohonan belum diteruskan ke Sentra.',
          a: 'Melengkapi berkas bersama pelapor dan meneruskan permohonan ke Sentra.',
          r: 'Bantuan {alat} telah diserahkan kepada penerima manfaat di rumahnya.',
        },
      ),
      t(
        'Bantuan yatim piatu belum cair',
        'Anak yatim piatu yang kami asuh sudah terdaftar sebagai penerima bantuan yatim piatu, tetapi bantuan tahun ini belum diterima.',
        {
          f: 'Data anak belum diperbarui setelah pindah pengasuhan sehingga bantuan tertahan.',
          a: 'Memperbarui data pengasuh dan rekening penerima.',
          r: 'Bantuan yatim piatu telah diterima oleh pengasuh anak.',
        },
      ),
      t(
        'Pelayanan di kantor Dinas Sosial lambat',
        'Kami sudah tiga kali datang ke kantor Dinas Sosial {kabupaten} untuk mengurus surat keterangan tidak mampu, tetapi selalu diminta kembali minggu depan.',
        {
          f: 'Permohonan surat keterangan tertahan karena pejabat yang berwenang sedang bertugas di luar kantor.',
          a: 'Berkoordinasi dengan Dinas Sosial {kabupaten} agar permohonan segera diselesaikan.',
          r: 'Surat keterangan telah diterbitkan dan diterima pelapor.',
        },
      ),
      t(
        'Petugas tidak ramah saat melayani pengaduan',
        'Saat kami datang menanyakan bantuan di kantor kecamatan {kecamatan}, petugas berbicara kasar dan menolak melayani.',
        {
          f: 'Kejadian dibenarkan oleh saksi di kantor kecamatan {kecamatan}.',
          a: 'Menyampaikan laporan kepada atasan petugas dan meminta pembinaan.',
          r: 'Petugas telah diberi pembinaan dan pelapor telah dilayani kembali.',
        },
      ),
      t(
        'Bantuan rehabilitasi rumah tidak layak huni terhenti',
        'Rehabilitasi rumah tidak layak huni di {desa} berhenti di tengah jalan; dinding sudah dibongkar tetapi bahan bangunan tidak dikirim lagi sejak {lama} lalu.',
        {
          f: 'Pengerjaan rehabilitasi rumah berhenti karena pengiriman bahan bangunan tertunda.',
          a: 'Berkoordinasi dengan Dinas Sosial dan penyedia bahan agar pengerjaan dilanjutkan.',
          r: 'Rehabilitasi rumah pelapor telah dilanjutkan sampai selesai.',
        },
      ),
      t(
        'Permohonan bantuan modal usaha belum dijawab',
        'Kami mengajukan permohonan bantuan modal usaha untuk warung kecil melalui pendamping sejak {lama} lalu, tetapi belum ada jawaban.',
        {
          f: 'Permohonan pelapor belum diverifikasi pendamping.',
          a: 'Memverifikasi kelayakan usaha dan meneruskan permohonan.',
          r: 'Pelapor telah menerima bantuan modal usaha beserta pendampingan.',
        },
      ),
    ],
    aspirations: [
      t(
        'Usulan layanan keliling ke desa terpencil',
        'Kami mengusulkan layanan Dinas Sosial keliling ke desa terpencil seperti {desa}, karena ongkos ke kabupaten mahal bagi warga miskin.',
      ),
      t(
        'Mohon aksesibilitas kantor layanan bagi disabilitas',
        'Kantor layanan sosial di {kabupaten} belum memiliki jalur kursi roda. Mohon dibuatkan agar penyandang disabilitas dapat dilayani.',
      ),
    ],
    questions: [
      t(
        'Informasi program bantuan bagi lansia',
        'Mohon informasi program bantuan yang tersedia bagi lansia tunggal yang tidak memiliki penghasilan di {kabupaten}.',
      ),
      t(
        'Cara mengajukan {alat}',
        'Bagaimana cara mengajukan bantuan {alat} untuk anak kami? Apakah harus melalui Sentra atau Dinas Sosial?',
      ),
    ],
  },
};

/** Reports outside the ministry's authority; the admin archives them. */
export const OUT_OF_SCOPE: readonly Template[] = [
  t(
    'Pembuatan KTP elektronik lambat',
    'Sudah {lama} mengurus KTP elektronik di Dukcapil {kabupaten} tetapi belum jadi karena blangko habis.',
  ),
  t(
    'Jalan desa rusak parah',
    'Jalan utama di {desa} rusak parah dan berlubang sehingga membahayakan pengendara. Mohon segera diperbaiki.',
  ),
  t(
    'Tagihan listrik naik tidak wajar',
    'Tagihan listrik rumah kami bulan {bulan} naik dua kali lipat padahal pemakaian tidak bertambah.',
  ),
  t(
    'Guru sering tidak hadir di sekolah',
    'Guru kelas di SD negeri di {desa} sering tidak hadir sehingga murid dipulangkan lebih awal.',
  ),
  t(
    'Pelayanan BPJS Kesehatan di puskesmas',
    'Kartu BPJS Kesehatan kami dinyatakan tidak aktif saat berobat ke puskesmas {kecamatan}.',
  ),
];

const OPENINGS = [
  '',
  '',
  '',
  'Selamat siang Bapak/Ibu. ',
  'Dengan hormat,\n',
  'Assalamualaikum. ',
  'Mohon maaf mengganggu. ',
  'Saya ingin melaporkan hal berikut. ',
];
const CLOSINGS = [
  'Mohon bantuan dan tindak lanjutnya.',
  'Kami berharap segera ada penyelesaian.',
  'Terima kasih atas perhatiannya.',
  'Mohon segera ditindaklanjuti karena kami sangat membutuhkan.',
  'Saya bersedia dihubungi untuk keterangan lebih lanjut.',
  'Sudah pernah melapor ke desa tetapi belum ada tanggapan.',
  'Mohon dicek dan diberi penjelasan.',
];
const SMS_CLOSINGS = [
  'Mhn dibantu. Trims.',
  'Tolong ditindaklanjuti.',
  'Mohon info. Terima kasih.',
  'Trmksh.',
];

/** What the handling of a case says, with the same slot values as its complaint. */
export interface CaseHandling {
  findings: string;
  actionsTaken: string;
  /** The liaison officer's finishing note. */
  resolution: string;
}

export interface CaseText {
  title: string;
  description: string;
  handling: CaseHandling;
}

/** A topic with no texts of its own (configured by another organisation) reads like "other". */
function topicTexts(topic: string): TopicTexts {
  return TOPIC_TEXTS[topic] ?? (TOPIC_TEXTS.other as TopicTexts);
}

/**
 * The title and description of a case and how its handling will read. The channel shapes the
 * wording: an SMS is short, the call centre writes what the caller said, an in-person report
 * notes the documents brought. `topic` 'out_of_scope' gives a report the admin will archive.
 */
export function caseText(
  rng: Random,
  topic: string,
  kind: CaseKind,
  channel: string,
  place: Place,
): CaseText {
  const texts = topicTexts(topic);
  const templates =
    topic === 'out_of_scope'
      ? OUT_OF_SCOPE
      : kind === 'aspiration'
        ? texts.aspirations
        : kind === 'information_request'
          ? texts.questions
          : texts.complaints;
  const template = rng.pick(templates);
  const memo = new Map<string, string>();
  const title = fill(rng, place, template.title, memo);
  const body = fill(rng, place, template.body, memo);
  let description: string;
  switch (channel) {
    case 'sms1708':
      description = `${body.split('. ')[0]?.replace(/\.$/, '') ?? body}. ${rng.pick(SMS_CLOSINGS)}`;
      break;
    case 'cc171':
      description = `Penelepon menyampaikan: ${body} Penelepon meminta agar laporannya ditindaklanjuti.`;
      break;
    case 'walk_in':
      description = `Pelapor datang langsung ke kantor layanan dengan membawa fotokopi KK dan formulir pengaduan. ${body} ${rng.pick(CLOSINGS)}`;
      break;
    default:
      description = `${rng.pick(OPENINGS)}${body} ${rng.pick(CLOSINGS)}`;
  }
  const general = REPORT_TEXTS[topic] ?? (REPORT_TEXTS.other as GeneralReportTexts);
  const handling: CaseHandling = template.handling
    ? {
        findings: fill(rng, place, template.handling.f, memo),
        actionsTaken: fill(rng, place, template.handling.a, memo),
        resolution: fill(rng, place, template.handling.r, memo),
      }
    : {
        findings: rng.pick(general.findings),
        actionsTaken: rng.pick(general.actions),
        resolution: fill(
          rng,
          place,
          rng.pick(FINISH_NOTES[topic] ?? (FINISH_NOTES.other as readonly string[])),
          memo,
        ),
      };
  return { title, description, handling };
}

// ---------------------------------------------------------------------------------------------
// What officers write
// ---------------------------------------------------------------------------------------------

export const ARCHIVE_REASONS = {
  outOfScope: [
    'Bukan kewenangan Kementerian Sosial; pelapor telah diberi tahu dan diarahkan ke instansi yang berwenang.',
    'Di luar kewenangan Kementerian Sosial; laporan diteruskan kepada pemerintah daerah dan pelapor telah diberi tahu.',
  ],
  inScope: [
    'Uraian laporan tidak lengkap dan pelapor tidak dapat dihubungi setelah tiga kali percobaan.',
    'Laporan ganda atas kejadian yang sama; ditangani pada laporan sebelumnya.',
    'Pelapor mencabut laporannya karena masalah sudah selesai di tingkat desa.',
  ],
} as const;

const NORMATIVE_ANSWERS: Record<string, readonly string[]> = {
  dtks: [
    'Pendaftaran DTKS dilakukan melalui kelurahan/desa dan dibahas dalam musyawarah desa, lalu diverifikasi Dinas Sosial {kabupaten}. Hasilnya dapat dicek di cekbansos.kemensos.go.id atau aplikasi Cek Bansos.',
    'Sanggahan dan usulan perbaikan data DTKS dapat diajukan melalui aplikasi Cek Bansos atau operator SIKS-NG di desa/kelurahan; pemutakhiran ditetapkan setiap bulan.',
  ],
  pkh: [
    'PKH disalurkan bertahap setiap tiga bulan melalui rekening KKS di bank penyalur atau PT Pos Indonesia. Untuk pertanyaan jadwal dan komponen bantuan, silakan menghubungi pendamping PKH di kecamatan Anda.',
    'Calon peserta PKH harus terdaftar di DTKS dan memiliki komponen kesehatan, pendidikan atau kesejahteraan sosial. Usulan disampaikan melalui desa/kelurahan.',
  ],
  bpnt: [
    'Penerima bantuan sembako bebas memilih e-warong atau agen penyalur dan bebas memilih jenis bahan pangan sesuai ketentuan; agen tidak boleh memaketkan atau memotong bantuan.',
    'Kartu KKS yang terblokir dapat diaktifkan kembali di kantor cabang bank penyalur dengan membawa KTP dan KKS; bila diperlukan, pendamping atau TKSK dapat membantu.',
  ],
  disaster: [
    'Santunan ahli waris korban bencana diajukan melalui Dinas Sosial {kabupaten} dengan melampirkan surat keterangan kematian, KK dan KTP ahli waris, serta surat keterangan dari BPBD.',
  ],
  abuse: [
    'Kekerasan terhadap anak, perempuan atau lansia dapat dilaporkan ke Call Center 171, Dinas Sosial {kabupaten} atau UPTD PPA setempat; petugas akan menjangkau dan mendampingi korban.',
  ],
  other: [
    'Permohonan alat bantu bagi penyandang disabilitas diajukan melalui Dinas Sosial {kabupaten} atau Sentra terdekat dengan melampirkan KTP/KK dan keterangan kebutuhan dari tenaga kesehatan.',
    'Informasi program bantuan sosial bagi lansia dapat diperoleh di Dinas Sosial {kabupaten}; lansia tunggal dapat diusulkan melalui program ATENSI.',
  ],
};

export function normativeAnswer(rng: Random, topic: string, place: Place): string {
  const answers = NORMATIVE_ANSWERS[topic] ?? (NORMATIVE_ANSWERS.other as readonly string[]);
  return fill(rng, place, rng.pick(answers), new Map());
}

/** Finishing notes for cases whose template has no handling of its own (aspirations, questions). */
const FINISH_NOTES: Record<string, readonly string[]> = {
  dtks: [
    'Usulan dan pertanyaan pelapor telah ditindaklanjuti bersama Dinas Sosial {kabupaten} dan operator desa.',
  ],
  pkh: ['Masukan pelapor telah disampaikan kepada koordinator PKH {kabupaten} dan ditindaklanjuti.'],
  bpnt: ['Masukan pelapor telah dibahas bersama bank penyalur dan Dinas Sosial {kabupaten}.'],
  disaster: ['Usulan pelapor telah ditindaklanjuti bersama Dinas Sosial dan Tagana {kabupaten}.'],
  abuse: ['Usulan pelapor telah disampaikan kepada Dinas Sosial dan UPTD PPA {kabupaten}.'],
  other: ['Permohonan telah diproses dan pelapor telah menerima penjelasan serta layanan yang dibutuhkan.'],
};

/** The liaison officer's note when declaring the case finished. */
export function finishNote(handling: CaseHandling): string {
  return `${handling.resolution} Hasil penanganan telah disampaikan kepada pelapor.`;
}

export interface ReportText {
  findings: string;
  actionsTaken: string;
  recommendation: string;
}

interface GeneralReportTexts {
  findings: readonly string[];
  actions: readonly string[];
  recommendations: readonly string[];
}

const REPORT_TEXTS: Record<string, GeneralReportTexts> = {
  dtks: {
    findings: [
      'Keluarga tinggal di rumah semi permanen; kepala keluarga buruh harian dan belum pernah diusulkan masuk DTKS.',
    ],
    actions: [
      'Mendampingi operator desa mengunggah usulan di SIKS-NG dan berkoordinasi dengan Dinas Sosial untuk verifikasi.',
    ],
    recommendations: [
      'Pantau hasil penetapan DTKS bulan depan.',
      'Perlu pemadanan data berkala antara desa dan Dukcapil.',
    ],
  },
  pkh: {
    findings: ['Peserta PKH di wilayah ini belum mendapat informasi jadwal penyaluran dari pendamping.'],
    actions: ['Menyampaikan jadwal penyaluran dan memperbarui data peserta bersama pendamping.'],
    recommendations: [
      'Pantau pencairan tahap berikutnya.',
      'Perlu pembinaan pendamping PKH di kecamatan ini.',
    ],
  },
  bpnt: {
    findings: ['Penerima belum memahami haknya memilih bahan pangan dan agen penyalur.'],
    actions: ['Menyosialisasikan hak penerima bersama TKSK dan bank penyalur.'],
    recommendations: [
      'Perlu pengawasan agen e-warong secara berkala.',
      'Sosialisasi hak penerima kepada kelompok penerima manfaat.',
    ],
  },
  disaster: {
    findings: ['Desa berada di kawasan rawan bencana dan belum memiliki relawan terlatih.'],
    actions: ['Berkoordinasi dengan BPBD dan Tagana untuk pelatihan Kampung Siaga Bencana.'],
    recommendations: [
      'Lanjutkan layanan dukungan psikososial bagi anak-anak pengungsi.',
      'Perlu penguatan Kampung Siaga Bencana.',
    ],
  },
  abuse: {
    findings: ['Layanan perlindungan bagi korban kekerasan di kabupaten ini masih terbatas.'],
    actions: ['Berkoordinasi dengan Dinas Sosial dan UPTD PPA tentang layanan rujukan korban.'],
    recommendations: [
      'Rujuk ke Sentra untuk layanan rehabilitasi sosial lanjutan.',
      'Pantau kondisi korban setiap minggu selama tiga bulan.',
    ],
  },
  other: {
    findings: ['Permohonan pelapor tertahan di tingkat kabupaten karena berkas belum lengkap.'],
    actions: ['Melengkapi berkas bersama pelapor dan meneruskan permohonan ke Sentra.'],
    recommendations: [
      'Perlu penjelasan prosedur layanan kepada masyarakat.',
      'Koordinasikan tindak lanjut dengan Dinas Sosial kabupaten/kota.',
    ],
  },
};

/**
 * The text of a handling report. The first report tells the case's own story; a second one,
 * by another officer, adds the topic's general follow-up.
 */
export function reportText(rng: Random, topic: string, handling: CaseHandling, isFirst: boolean): ReportText {
  const general = REPORT_TEXTS[topic] ?? (REPORT_TEXTS.other as GeneralReportTexts);
  return {
    findings: isFirst ? handling.findings : rng.pick(general.findings),
    actionsTaken: isFirst ? handling.actionsTaken : rng.pick(general.actions),
    recommendation: rng.pick(general.recommendations),
  };
}

export const RETURN_NOTES = [
  'Lengkapi tanggal kunjungan dan hasil pemeriksaan kepesertaan.',
  'Temuan belum menjelaskan penyebab bantuan tidak diterima; mohon dilengkapi.',
  'Mohon lampirkan hasil pengecekan di SIKS-NG sebelum dikirim ulang.',
];

export const CORRECTION_REASONS = [
  'Disesuaikan dengan data SIKS-NG.',
  'Perbaikan redaksi agar sesuai format laporan pimpinan.',
  'Hasil penanganan disesuaikan dengan konfirmasi Dinas Sosial.',
];

export const CORRECTED_RECOMMENDATIONS = [
  'Pantau pencairan berikutnya dan laporkan hasilnya dalam lima hari kerja.',
  'Koordinasikan tindak lanjut dengan Dinas Sosial kabupaten/kota.',
];
