"""The demo's two meetings and what happened to their cases afterwards.

The January 2026 Rakor follows the facts of shared/reference (in the project's own words);
the December 2025 Rakor is an illustrative earlier meeting of the same series. Every step
below is played through cases.services under a back-dated clock by the loader: no status
is ever written directly.

A story step is ``(when, action, actor, params)``; ``when`` is WIB; ``actor`` is ``"staf"``
or ``"kepala"`` of the case's organization, or a username.
"""

COORDINATOR = "koordinator"

JANUARY_MINUTES = [
    "Wali Kota menilai situasi Kota Probolinggo relatif aman dan kondusif, namun cuaca "
    "ekstrem dengan curah hujan tinggi perlu diantisipasi.",
    "Wali Kota meminta OPD terkait segera menormalisasi selokan, sungai dan saluran air "
    "sebagai pencegahan banjir.",
    "Wali Kota meminta camat dan lurah menggerakkan kerja bakti bersama warga.",
    "Wali Kota mengajak warga merawat fasilitas hasil program Kota Probolinggo Bersolek "
    "2025 (Alun-alun, koridor Jl. Soekarno Hatta–Panglima Sudirman, gerbang Pasar Baru, "
    "sentra kuliner dan UMKM GOR A. Yani, car free day) dan memakainya sesuai fungsinya.",
    "Wali Kota meminta tim pemantau MBG memastikan menu tetap bergizi, sehat dan higienis "
    "serta distribusinya memenuhi standar; hingga kini belum ada laporan resmi korban.",
    "Wakil Wali Kota meminta kecamatan dan kelurahan mengedukasi warga tentang pencegahan "
    "pencurian, terutama di wilayah selatan kota.",
    "Wakil Wali Kota meminta sinergi TNI/Polri dengan perangkat daerah diperkuat untuk "
    "menangani pencurian hewan ternak.",
    "Wakil Wali Kota meminta pos kamling diaktifkan kembali selama pemasangan CCTV belum "
    "terealisasi.",
    "Wakil Wali Kota berharap kenaikan honor RT, RW dan Linmas mendorong peran mereka "
    "dalam keamanan lingkungan.",
    "Kasi Intel Polresta melaporkan pencegahan pencurian ternak melalui piket polsek dan "
    "bhabinkamtibmas; kendalanya minim saksi dan barang bukti.",
    "Polresta mengusulkan pemasangan CCTV dan PJU di titik rawan, terutama di perbatasan "
    "kota dan kabupaten, disertai penambahan patroli.",
    "Kodim 0820 menyampaikan bahwa pencurian dan begal kerap berkaitan dengan "
    "penyalahgunaan narkoba, dan penerangan jalan di wilayah selatan masih minim.",
    "Kodim 0820 menyoroti kemacetan di kawasan belakang Eratex yang berpotensi memicu "
    "gesekan antarpengguna jalan.",
    "Kejaksaan Negeri menyampaikan bahwa KUHP baru memungkinkan pidana kerja sosial, "
    "misalnya membersihkan sarana dan prasarana milik Pemkot.",
    "Menutup rakor, Wali Kota meminta dicarikan solusi terbaik untuk penerangan jalan "
    "serta pemetaan dan tindak lanjut khusus wilayah rawan konflik sosial.",
]

MAYOR = ("dr. Aminuddin", "Wali Kota Probolinggo")
DEPUTY = ("Ina Dwi Lestari", "Wakil Wali Kota Probolinggo")
POLRES_INTEL = ("Kasi Intel Polresta", "Polres Probolinggo Kota")
KODIM = ("Perwakilan Kodim 0820", "Kodim 0820/Probolinggo")
KEJARI = ("Kepala Kejaksaan Negeri", "Kejaksaan Negeri Probolinggo")
SOUTH = ["35.74.02", "35.74.05", "35.74.01"]
ALL_KECAMATAN = ["35.74.01", "35.74.02", "35.74.03", "35.74.04", "35.74.05"]


def _accept(day):
    return (f"{day} 11:00", "accept", "staf", {})


def _photo(day, caption):
    return (f"{day} 10:00", "evidence", "staf", {"kind": "photo", "caption": caption})


def _document(day, caption):
    return (f"{day} 10:30", "evidence", "staf", {"kind": "document", "caption": caption})


def _progress(day, percent, note):
    return (f"{day} 14:00", "progress", "staf", {"percent": percent, "note": note})


def _report(day, summary):
    return (f"{day} 15:00", "report", "staf", {"summary": summary})


def _verify(day, note=""):
    return (f"{day} 09:00", "verify", COORDINATOR, {"note": note})


def _verify_ongoing(day, note):
    return (f"{day} 09:00", "verify_ongoing", COORDINATOR, {"note": note})


JANUARY = {
    "series_number": 2,
    "title": "Rakor Tim Terpadu Penanganan Konflik Sosial — Januari 2026",
    "date": "2026-01-28",
    "created": "2026-01-26 09:00",
    "held": "2026-01-28 15:00",
    "closed": None,
    "dispatched": "2026-01-29 10:00",
    "place": "Gedung Command Center, Kantor Wali Kota Probolinggo",
    "chair": "dr. Aminuddin, Wali Kota Probolinggo",
    "mode": "hybrid",
    "attendees": (
        "Wakil Wali Kota Ina Dwi Lestari; asisten dan staf ahli Wali Kota; kepala OPD; "
        "camat dan lurah se-Kota Probolinggo; Polres Probolinggo Kota; Kodim 0820; "
        "Kejaksaan Negeri Probolinggo"
    ),
    "minutes": JANUARY_MINUTES,
    "directives": [
        {
            "title": "Normalisasi selokan, sungai dan saluran air",
            "text": "Menormalisasi selokan, sungai dan saluran air di titik rawan genangan "
            "untuk mencegah banjir selama musim hujan ekstrem.",
            "speaker": MAYOR,
            "type": "normalisasi-drainase",
            "sentence": 1,
            "areas": ["35.74"],
            "cases": {
                "dpuprpkp": (
                    "lead",
                    [
                        _accept("2026-01-30"),
                        _progress("2026-02-04", 40, "Pengerukan tiga ruas saluran tahap pertama."),
                        _photo("2026-02-09", "Saluran sebelum dinormalisasi"),
                        _photo("2026-02-10", "Saluran sesudah dinormalisasi"),
                        _progress("2026-02-10", 90, "Enam ruas saluran selesai dikeruk."),
                        _report(
                            "2026-02-11",
                            "Normalisasi enam ruas saluran utama selesai; "
                            "pemeliharaan berlanjut sesuai jadwal rutin.",
                        ),
                        _verify_ongoing("2026-02-12", "Pemeliharaan saluran berlanjut rutin."),
                    ],
                ),
                "dlh": (
                    "supporting",
                    [
                        _accept("2026-02-02"),
                        _progress("2026-02-06", 30, "Pengangkutan sedimen dari dua ruas saluran."),
                    ],
                ),
                "bpbd": (
                    "supporting",
                    [
                        _accept("2026-01-30"),
                        _photo("2026-02-05", "Pemetaan titik genangan"),
                        _photo("2026-02-05", "Kesiapan perahu dan pompa"),
                        _report("2026-02-05", "Titik genangan dipetakan; peralatan siaga."),
                        _verify("2026-02-06"),
                    ],
                ),
            },
        },
        {
            "title": "Kerja bakti bersama warga",
            "text": "Menggerakkan kerja bakti membersihkan saluran dan lingkungan bersama "
            "warga di setiap kecamatan dan kelurahan.",
            "speaker": MAYOR,
            "type": "kerja-bakti",
            "sentence": 2,
            "areas": ALL_KECAMATAN,
            "cases": {
                "kec-kademangan": (
                    "lead",
                    [
                        _accept("2026-01-30"),
                        _photo("2026-02-02", "Kerja bakti di Kelurahan Pilang"),
                        _report("2026-02-02", "Kerja bakti serentak di enam kelurahan."),
                        _verify("2026-02-03"),
                    ],
                ),
                "kec-wonoasih": (
                    "lead",
                    [
                        _accept("2026-01-30"),
                        _photo("2026-02-03", "Kerja bakti di Kelurahan Sumber Taman"),
                        _report("2026-02-04", "Kerja bakti di enam kelurahan telah dilaksanakan."),
                    ],
                ),
                "kec-kedopok": (
                    "lead",
                    [
                        _accept("2026-02-03"),
                        _progress("2026-02-05", 50, "Tiga dari enam kelurahan sudah kerja bakti."),
                    ],
                ),
                "kec-mayangan": ("lead", []),
                "kec-kanigaran": (
                    "lead",
                    [
                        _accept("2026-01-30"),
                        _photo("2026-02-01", "Kerja bakti di Kelurahan Kanigaran"),
                        _report("2026-02-02", "Kerja bakti dilaksanakan bersama RT/RW."),
                        _verify("2026-02-03"),
                    ],
                ),
            },
        },
        {
            "title": "Menjaga fasilitas Kota Probolinggo Bersolek 2025",
            "text": "Mengajak warga menjaga fasilitas hasil program Kota Probolinggo Bersolek "
            "2025 dan menertibkan pemakaian yang tidak sesuai peruntukan.",
            "speaker": MAYOR,
            "type": "lainnya",
            "sentence": 3,
            "areas": ["35.74"],
            "cases": {
                "satpol-pp": (
                    "lead",
                    [
                        _accept("2026-01-29"),
                        _progress("2026-02-06", 60, "Patroli rutin di Alun-alun dan GOR A. Yani."),
                    ],
                ),
                "dkup": (
                    "supporting",
                    [
                        _accept("2026-02-02"),
                        _progress(
                            "2026-02-09",
                            30,
                            "Sosialisasi tata tertib kepada pedagang sentra kuliner GOR A. Yani.",
                        ),
                    ],
                ),
                "diskominfo": (
                    "supporting",
                    [
                        _accept("2026-01-30"),
                        _photo("2026-02-06", "Unggahan kampanye di media sosial"),
                        _report("2026-02-09", "Kampanye menjaga fasilitas umum telah ditayangkan."),
                        (
                            "2026-02-10 09:00",
                            "send_back",
                            COORDINATOR,
                            {
                                "reason": "Lampirkan juga tayangan di videotron Alun-alun dan "
                                "jumlah jangkauan unggahan."
                            },
                        ),
                    ],
                ),
            },
        },
        {
            "title": "Pengawasan mutu Makan Bergizi Gratis (MBG)",
            "text": "Memastikan menu MBG bergizi, sehat dan higienis serta distribusinya "
            "memenuhi standar, melalui pemeriksaan dapur dan sekolah penerima.",
            "speaker": MAYOR,
            "type": "inspeksi-mbg",
            "sentence": 4,
            "areas": ["35.74"],
            "cases": {
                "dinkes-p2kb": (
                    "lead",
                    [
                        _accept("2026-01-29"),
                        _document("2026-02-03", "Berita acara pemeriksaan dapur SPPG"),
                        _photo("2026-02-03", "Uji sampel makanan"),
                        _report("2026-02-04", "Pemeriksaan lima dapur: memenuhi syarat higiene."),
                        _verify("2026-02-05"),
                    ],
                ),
                "dindikbud": (
                    "supporting",
                    [
                        _accept("2026-01-30"),
                        _progress(
                            "2026-02-06", 50, "Rekap keluhan dari sekolah penerima sedang dihimpun."
                        ),
                    ],
                ),
            },
        },
        {
            "title": "Edukasi pencegahan pencurian di wilayah selatan",
            "text": "Memberikan edukasi dan informasi kepada warga untuk mencegah pencurian, "
            "dengan prioritas wilayah selatan kota.",
            "speaker": DEPUTY,
            "type": "sosialisasi-pencurian",
            "sentence": 5,
            "areas": SOUTH,
            "cases": {
                "kec-wonoasih": (
                    "lead",
                    [
                        _accept("2026-01-30"),
                        _progress("2026-02-10", 40, "Sosialisasi di tiga kelurahan."),
                    ],
                ),
                "kec-kedopok": ("lead", [_accept("2026-02-02")]),
                "kec-kademangan": (
                    "lead",
                    [
                        _accept("2026-01-30"),
                        _photo("2026-02-06", "Sosialisasi di balai Kelurahan Triwung Kidul"),
                        _report("2026-02-09", "Sosialisasi di enam kelurahan selesai."),
                        _verify("2026-02-10"),
                    ],
                ),
                "kel-sumber-taman": ("supporting", []),
            },
        },
        {
            "title": "Sinergi TNI/Polri dan OPD menangani pencurian ternak",
            "text": "Memperkuat sinergi TNI/Polri dengan perangkat daerah untuk mencegah dan "
            "menangani pencurian hewan ternak.",
            "speaker": DEPUTY,
            "type": "patroli",
            "sentence": 6,
            "areas": SOUTH,
            "cases": {
                "polres": (
                    "lead",
                    [
                        _accept("2026-01-30"),
                        _progress(
                            "2026-02-06", 30, "Patroli gabungan malam hari di dua kecamatan."
                        ),
                    ],
                ),
                "kodim-0820": ("supporting", []),
                "satpol-pp": ("supporting", [_accept("2026-01-31")]),
            },
        },
        {
            "title": "Pengaktifan kembali pos kamling",
            "text": "Mengaktifkan kembali pos kamling di lingkungan rawan selama pemasangan "
            "CCTV belum terealisasi.",
            "speaker": DEPUTY,
            "type": "reaktivasi-pos-kamling",
            "sentence": 7,
            "areas": SOUTH,
            "cases": {
                "satpol-pp": (
                    "lead",
                    [
                        _accept("2026-01-30"),
                        _photo("2026-02-07", "Pos kamling aktif di Kelurahan Kedung Asem"),
                        _report(
                            "2026-02-10",
                            "Dua belas pos kamling aktif kembali dengan jadwal "
                            "ronda bersama Linmas.",
                        ),
                        _verify_ongoing("2026-02-11", "Ronda berjalan rutin; dipantau tiap bulan."),
                    ],
                ),
                "bagian-pemerintahan": (
                    "supporting",
                    [
                        (
                            "2026-01-30 09:00",
                            "decline",
                            "staf",
                            {
                                "reason": "Pembinaan pos kamling dilakukan kelurahan bersama "
                                "Satpol PP; "
                                "Bagian Pemerintahan hanya mengoordinasikan RT/RW."
                            },
                        ),
                    ],
                ),
            },
        },
        {
            "title": "Kenaikan honor RT, RW dan Linmas",
            "text": "Mengkaji kenaikan honor RT, RW dan Linmas agar peran mereka dalam "
            "keamanan lingkungan lebih optimal.",
            "speaker": DEPUTY,
            "type": "lainnya",
            "sentence": 8,
            "areas": ["35.74"],
            "cases": {
                "bagian-pemerintahan": (
                    "lead",
                    [
                        _accept("2026-02-02"),
                        (
                            "2026-02-05 10:00",
                            "hold",
                            "kepala",
                            {"reason": "Menunggu pembahasan anggaran perubahan bersama TAPD."},
                        ),
                    ],
                ),
                "bappeda-litbang": (
                    "supporting",
                    [
                        _accept("2026-02-03"),
                        _progress("2026-02-09", 20, "Simulasi kebutuhan anggaran disusun."),
                    ],
                ),
            },
        },
        {
            "title": "Pemasangan CCTV di titik rawan perbatasan kota",
            "text": "Memasang CCTV di titik rawan, terutama di perbatasan kota dan kabupaten, "
            "dan mengintegrasikannya ke Command Center.",
            "speaker": POLRES_INTEL,
            "type": "pemasangan-cctv",
            "sentence": 10,
            "areas": SOUTH,
            "due": "2026-12-18",
            "cases": {
                "dishub": (
                    "lead",
                    [
                        _accept("2026-02-02"),
                        _progress("2026-02-20", 25, "Survei titik pemasangan di perbatasan."),
                    ],
                ),
                "diskominfo": ("supporting", []),
            },
        },
        {
            "title": "Penerangan jalan umum di wilayah selatan dan perbatasan",
            "text": "Mencari solusi terbaik dan memasang penerangan jalan umum (PJU) di ruas "
            "gelap wilayah selatan dan perbatasan kota.",
            "speaker": MAYOR,
            "type": "pemasangan-pju",
            "sentence": 14,
            "areas": SOUTH,
            "due": "2026-12-11",
            "cases": {
                "dishub": (
                    "lead",
                    [
                        _accept("2026-02-02"),
                        _progress("2026-03-02", 60, "Dua puluh titik PJU baru terpasang."),
                    ],
                ),
                "dpuprpkp": ("supporting", [_accept("2026-02-03")]),
            },
        },
        {
            "title": "Penambahan patroli di titik rawan",
            "text": "Menambah patroli di titik rawan pencurian dan begal, terutama malam hari.",
            "speaker": POLRES_INTEL,
            "type": "patroli",
            "sentence": 10,
            "areas": SOUTH,
            "cases": {
                "polres": (
                    "lead",
                    [
                        _accept("2026-01-29"),
                        _document("2026-02-03", "Jadwal patroli gabungan Februari"),
                        _report("2026-02-04", "Patroli gabungan terjadwal tiap malam."),
                        _verify_ongoing("2026-02-05", "Patroli rutin berlanjut."),
                    ],
                ),
                "satpol-pp": (
                    "supporting",
                    [
                        _accept("2026-01-29"),
                        _document("2026-02-03", "Surat perintah patroli Satpol PP"),
                        _report("2026-02-04", "Personel Satpol PP bergabung dalam patroli."),
                        _verify_ongoing("2026-02-05", "Patroli rutin berlanjut."),
                    ],
                ),
            },
        },
        {
            "title": "Kemacetan di kawasan belakang Eratex",
            "text": "Mengurai kemacetan di kawasan belakang Eratex yang berpotensi memicu "
            "gesekan antarpengguna jalan.",
            "speaker": KODIM,
            "type": "kemacetan-lalu-lintas",
            "sentence": 12,
            "areas": [],
            "cases": {
                "dishub": (
                    "lead",
                    [
                        _accept("2026-02-03"),
                        _progress(
                            "2026-02-12",
                            50,
                            "Rekayasa lalu lintas diuji coba saat jam pulang kerja.",
                        ),
                    ],
                ),
                "polres": ("supporting", []),
            },
        },
        {
            "title": "Pidana kerja sosial untuk kebersihan fasilitas Pemkot",
            "text": "Menyiapkan kerja sama pelaksanaan pidana kerja sosial, antara lain "
            "membersihkan sarana dan prasarana milik Pemkot.",
            "speaker": KEJARI,
            "type": "lainnya",
            "sentence": 13,
            "areas": ["35.74"],
            "cases": {
                "kejari": ("lead", [_accept("2026-02-02")]),
                "bagian-hukum": (
                    "supporting",
                    [
                        _accept("2026-02-02"),
                        _report("2026-02-16", "Draf perjanjian kerja sama disiapkan."),
                        _verify("2026-02-18"),
                    ],
                ),
                "dlh": ("supporting", []),
            },
        },
        {
            "title": "Pemetaan wilayah rawan konflik sosial",
            "text": "Memetakan wilayah rawan konflik sosial dan menyusun tindak lanjut khusus "
            "untuk setiap wilayah.",
            "speaker": MAYOR,
            "type": "pemetaan-rawan-konflik",
            "sentence": 14,
            "areas": ["35.74"],
            "cases": {
                "bakesbangpol": (
                    "lead",
                    [
                        ("2026-01-29 13:00", "accept", COORDINATOR, {}),
                        (
                            "2026-02-13 14:00",
                            "progress",
                            COORDINATOR,
                            {"percent": 50, "note": "Peta awal dari data kecamatan tersusun."},
                        ),
                    ],
                ),
                "polres": ("supporting", [_accept("2026-02-02")]),
                "kodim-0820": ("supporting", [_accept("2026-02-03")]),
            },
        },
    ],
}

DECEMBER_MINUTES = [
    "Sekretaris Daerah membuka rakor dan menyampaikan bahwa menjelang Natal dan Tahun Baru "
    "situasi kota kondusif.",
    "Rakor meminta pengamanan ibadah Natal dan malam pergantian tahun melalui patroli gabungan.",
    "Rakor meminta saluran di Kelurahan Jati dibersihkan untuk mengantisipasi genangan "
    "musim hujan.",
    "Rakor meminta penataan pedagang kaki lima di sekitar Alun-alun.",
    "Rakor meminta kecamatan mendata pos kamling yang tidak aktif.",
]

DECEMBER = {
    "series_number": 1,
    "title": "Rakor Tim Terpadu Penanganan Konflik Sosial — Desember 2025",
    "date": "2025-12-17",
    "created": "2025-12-15 09:00",
    "held": "2025-12-17 15:00",
    "closed": "2026-01-28 16:00",
    "dispatched": "2025-12-18 10:00",
    "place": "Ruang rapat Bakesbangpol Kota Probolinggo",
    "chair": "Sekretaris Daerah Kota Probolinggo",
    "mode": "luring",
    "attendees": "Kepala OPD anggota Tim Terpadu; camat; Polres Probolinggo Kota; Kodim 0820",
    "minutes": DECEMBER_MINUTES,
    "directives": [
        {
            "title": "Pengamanan Natal dan Tahun Baru",
            "text": "Mengamankan ibadah Natal dan malam pergantian tahun dengan patroli "
            "gabungan di titik keramaian.",
            "speaker": ("Sekretaris Daerah", "Pemerintah Kota Probolinggo"),
            "type": "patroli",
            "sentence": 1,
            "areas": ["35.74"],
            "cases": {
                "polres": (
                    "lead",
                    [
                        _accept("2025-12-18"),
                        _document("2025-12-23", "Rencana pengamanan Nataru"),
                        _report("2025-12-23", "Pengamanan gereja dan titik keramaian terjadwal."),
                        _verify("2025-12-29"),
                    ],
                ),
                "satpol-pp": (
                    "supporting",
                    [
                        _accept("2025-12-18"),
                        _document("2025-12-22", "Surat perintah pengamanan Nataru"),
                        _report("2025-12-22", "Personel disiagakan di delapan titik."),
                        _verify("2025-12-29"),
                    ],
                ),
                "dishub": (
                    "supporting",
                    [
                        _accept("2025-12-19"),
                        _progress("2025-12-22", 40, "Rencana pengalihan arus disusun."),
                    ],
                ),
            },
        },
        {
            "title": "Pembersihan saluran di Kelurahan Jati",
            "text": "Membersihkan saluran di Kelurahan Jati untuk mengantisipasi genangan "
            "musim hujan.",
            "speaker": ("Sekretaris Daerah", "Pemerintah Kota Probolinggo"),
            "type": "normalisasi-drainase",
            "sentence": 2,
            "areas": ["35.74.03.1004"],
            "cases": {
                "dpuprpkp": (
                    "lead",
                    [
                        _accept("2025-12-18"),
                        _photo("2025-12-29", "Saluran Jati sebelum dibersihkan"),
                        _photo("2025-12-30", "Saluran Jati sesudah dibersihkan"),
                        _report("2025-12-30", "Saluran sepanjang 1,2 km dibersihkan."),
                        _verify("2026-01-05"),
                    ],
                ),
                "dlh": (
                    "supporting",
                    [
                        _accept("2025-12-19"),
                        _progress("2026-01-06", 60, "Sebagian sedimen sudah diangkut."),
                    ],
                ),
            },
        },
        {
            "title": "Penataan pedagang kaki lima di sekitar Alun-alun",
            "text": "Menata pedagang kaki lima di sekitar Alun-alun agar tidak mengganggu "
            "pejalan kaki dan lalu lintas.",
            "speaker": ("Sekretaris Daerah", "Pemerintah Kota Probolinggo"),
            "type": "lainnya",
            "sentence": 3,
            "areas": ["35.74.03"],
            "cases": {
                "satpol-pp": (
                    "lead",
                    [
                        _accept("2025-12-18"),
                        _report("2025-12-30", "Penertiban dan pendampingan PKL berjalan."),
                        _verify_ongoing("2026-01-05", "Pengawasan PKL berlanjut rutin."),
                    ],
                ),
                "dkup": (
                    "supporting",
                    [
                        _accept("2025-12-19"),
                        (
                            "2025-12-22 10:00",
                            "hold",
                            "kepala",
                            {
                                "reason": "Menunggu penetapan lokasi relokasi oleh Wali Kota.",
                                "until": "2026-01-09",
                            },
                        ),
                        (
                            "2026-01-09 08:00",
                            "resume",
                            "kepala",
                            {"reason": "Lokasi relokasi sudah ditetapkan."},
                        ),
                        _progress("2026-01-14", 40, "Pendataan PKL untuk relokasi."),
                    ],
                ),
            },
        },
        {
            "title": "Pendataan pos kamling yang tidak aktif",
            "text": "Mendata pos kamling yang tidak aktif di setiap kelurahan.",
            "speaker": ("Sekretaris Daerah", "Pemerintah Kota Probolinggo"),
            "type": "reaktivasi-pos-kamling",
            "sentence": 4,
            "areas": ALL_KECAMATAN,
            "cases": {
                "kec-wonoasih": (
                    "lead",
                    [
                        _accept("2025-12-18"),
                        _photo("2025-12-29", "Pos kamling di Kelurahan Pakistaji"),
                        _report("2025-12-30", "Sembilan pos kamling tidak aktif terdata."),
                        _verify("2026-01-05"),
                    ],
                ),
                "kec-kedopok": ("lead", []),
                "kec-mayangan": (
                    "lead",
                    [
                        (
                            "2026-01-28 16:30",
                            "cancel",
                            COORDINATOR,
                            {
                                "reason": "Digabung ke arahan pengaktifan pos kamling rakor "
                                "Januari "
                                "2026."
                            },
                        ),
                    ],
                ),
            },
        },
    ],
}

MEETINGS = [DECEMBER, JANUARY]
