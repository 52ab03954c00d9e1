"""Reference data of Kota Probolinggo for the demo: areas, organizations, playbooks, ladder.

Facts from shared/reference/probolinggo.md; the wording is the project's own.
"""

KOTA = ("35.74", "Kota Probolinggo")

# (kecamatan code, kecamatan name, [(kelurahan suffix, name, [aliases])])
AREAS = [
    (
        "35.74.01",
        "Kademangan",
        [
            ("1001", "Ketapang", []),
            ("1002", "Triwung Lor", ["Triwunglor"]),
            ("1003", "Triwung Kidul", ["Triwungkidul"]),
            ("1007", "Pohsangit Kidul", ["Pohsangitkidul"]),
            ("1008", "Kademangan", []),
            ("1009", "Pilang", []),
        ],
    ),
    (
        "35.74.02",
        "Wonoasih",
        [
            ("1001", "Jrebeng Kidul", ["Jrebengkidul"]),
            ("1002", "Pakistaji", ["Pakis Taji"]),
            ("1003", "Kedunggaleng", ["Kedung Galeng"]),
            ("1005", "Kedung Asem", ["Kedungasem"]),
            ("1006", "Sumber Taman", ["Sumbertaman"]),
            ("1007", "Wonoasih", []),
        ],
    ),
    (
        "35.74.03",
        "Mayangan",
        [
            ("1001", "Mayangan", []),
            ("1002", "Mangunharjo", []),
            ("1004", "Jati", []),
            ("1007", "Sukabumi", []),
            ("1010", "Wiroborang", []),
        ],
    ),
    (
        "35.74.04",
        "Kanigaran",
        [
            ("1001", "Tisnonegaran", []),
            ("1002", "Sukoharjo", []),
            ("1003", "Kanigaran", []),
            ("1004", "Kebonsari Wetan", ["Kebon Sari Wetan"]),
            ("1005", "Curahgrinting", ["Curah Grinting"]),
            ("1006", "Kebonsari Kulon", ["Kebon Sari Kulon"]),
        ],
    ),
    (
        "35.74.05",
        "Kedopok",
        [
            ("1001", "Jrebeng Kulon", ["Jrebengkulon"]),
            ("1002", "Kareng Lor", ["Karenglor"]),
            ("1003", "Sumber Wetan", ["Sumberwetan"]),
            ("1004", "Jrebeng Lor", ["Jrebenglor"]),
            ("1005", "Kedopok", []),
            ("1006", "Jrebeng Wetan", ["Jrebengwetan"]),
        ],
    ),
]
KECAMATAN_ALIASES = {"Kedopok": ["Kedupok"]}

# (code, short name, full name, kind, work week, duties)
ORGANIZATIONS = [
    (
        "bakesbangpol",
        "Bakesbangpol",
        "Badan Kesatuan Bangsa dan Politik",
        "badan",
        5,
        "Sekretariat Tim Terpadu Penanganan Konflik Sosial; penyelenggara rakor bulanan; "
        "pemetaan wilayah rawan konflik.",
    ),
    (
        "dpuprpkp",
        "DPUPRPKP",
        "Dinas Pekerjaan Umum, Penataan Ruang, Perumahan dan Kawasan Permukiman",
        "dinas",
        5,
        "Saluran, sungai dan drainase kota: normalisasi dan pemeliharaan; perumahan dan "
        "kawasan permukiman.",
    ),
    (
        "dlh",
        "DLH",
        "Dinas Lingkungan Hidup",
        "dinas",
        5,
        "Pengangkutan sedimen dan sampah hasil normalisasi; pengelolaan sampah.",
    ),
    (
        "dinkes-p2kb",
        "Dinkes P2KB",
        "Dinas Kesehatan, Pengendalian Penduduk dan Keluarga Berencana",
        "dinas",
        5,
        "Keamanan pangan dalam pengawasan Makan Bergizi Gratis (MBG).",
    ),
    (
        "dindikbud",
        "Dindikbud",
        "Dinas Pendidikan dan Kebudayaan",
        "dinas",
        5,
        "Sekolah penerima MBG.",
    ),
    (
        "satpol-pp",
        "Satpol PP",
        "Satuan Polisi Pamong Praja (Damkar, Linmas, layanan 112)",
        "satuan",
        7,
        "Ketertiban umum, patroli bersama kepolisian, Linmas, pos kamling bersama kelurahan; "
        "bekerja setiap hari.",
    ),
    (
        "dishub",
        "Dishub",
        "Dinas Perhubungan",
        "dinas",
        5,
        "Penerangan jalan umum (PJU), titik CCTV, kemacetan lalu lintas.",
    ),
    (
        "diskominfo",
        "Diskominfo",
        "Dinas Komunikasi dan Informatika",
        "dinas",
        5,
        "Command Center; integrasi CCTV; informasi publik.",
    ),
    ("bpbd", "BPBD", "Badan Penanggulangan Bencana Daerah", "badan", 5, "Banjir dan kebencanaan."),
    ("dinsos", "Dinsos", "Dinas Sosial", "dinas", 5, "Layanan sosial."),
    (
        "bappeda-litbang",
        "Bappeda Litbang",
        "Badan Perencanaan Pembangunan Daerah, Penelitian dan Pengembangan",
        "badan",
        5,
        "Perencanaan dan penganggaran.",
    ),
    (
        "bagian-hukum",
        "Bagian Hukum",
        "Bagian Hukum Sekretariat Daerah",
        "bagian",
        5,
        "Urusan hukum dan produk hukum daerah.",
    ),
    (
        "bagian-pemerintahan",
        "Bagian Pemerintahan",
        "Bagian Pemerintahan Sekretariat Daerah",
        "bagian",
        5,
        "Urusan RT/RW dan pemerintahan wilayah.",
    ),
    (
        "dkup",
        "DKUP",
        "Dinas Koperasi, Usaha Mikro dan Perdagangan",
        "dinas",
        5,
        "Koperasi, UMKM dan perdagangan; pedagang kaki lima; sentra kuliner dan UMKM di GOR "
        "A. Yani.",
    ),
]
# Earlier names, oldest first (the current one is the last). The reference records the
# abbreviations only, not the dates nor the expanded former names.
ORGANIZATION_NAMES = {
    "dkup": [
        ("DKUMP", "DKUMP"),
        ("DKUPP", "DKUPP"),
        ("DKUP", "Dinas Koperasi, Usaha Mikro dan Perdagangan"),
    ],
}

# (code, short name, full name): partner agencies, not Pemkot OPD.
PARTNERS = [
    ("polres", "Polres Probolinggo Kota", "Kepolisian Resor Probolinggo Kota"),
    ("kodim-0820", "Kodim 0820", "Komando Distrik Militer 0820/Probolinggo"),
    ("kejari", "Kejari Probolinggo", "Kejaksaan Negeri Probolinggo"),
    ("pn", "PN Probolinggo", "Pengadilan Negeri Probolinggo"),
]

# (code, name, default lead code or None, supporting codes, working days, evidence contract)
DIRECTIVE_TYPES = [
    (
        "normalisasi-drainase",
        "Normalisasi selokan, sungai dan saluran air",
        "dpuprpkp",
        ["dlh"],
        10,
        {"photo": 2},
    ),
    ("kerja-bakti", "Kerja bakti bersama masyarakat", None, [], 5, {"photo": 1}),
    (
        "inspeksi-mbg",
        "Pengawasan mutu Makan Bergizi Gratis (MBG)",
        "dinkes-p2kb",
        ["dindikbud"],
        5,
        {"document": 1, "photo": 1},
    ),
    ("sosialisasi-pencurian", "Edukasi pencegahan pencurian", None, [], 10, {"photo": 1}),
    (
        "reaktivasi-pos-kamling",
        "Pengaktifan kembali pos kamling",
        "satpol-pp",
        [],
        10,
        {"photo": 1},
    ),
    ("pemasangan-cctv", "Pemasangan CCTV", "dishub", ["diskominfo"], 30, {"photo": 1}),
    ("pemasangan-pju", "Pemasangan penerangan jalan umum (PJU)", "dishub", [], 30, {"photo": 1}),
    ("patroli", "Patroli dan pengamanan wilayah", "satpol-pp", [], 5, {"document": 1}),
    (
        "pemetaan-rawan-konflik",
        "Pemetaan wilayah rawan konflik sosial",
        "bakesbangpol",
        [],
        20,
        {"document": 1},
    ),
    (
        "kemacetan-lalu-lintas",
        "Penanganan kemacetan lalu lintas",
        "dishub",
        [],
        10,
        {"document": 1},
    ),
    ("lainnya", "Lain-lain", None, [], 10, {}),
]

# (level, name, working days after the deadline, head, coordinators, leadership, agenda)
ESCALATION_RULES = [
    (1, "Batas waktu terlewati: kepala OPD", 0, True, False, False, False),
    (2, "Terlambat 3 hari kerja: Kepala Bakesbangpol", 3, True, True, False, False),
    (3, "Terlambat 7 hari kerja: Sekda/Wali Kota dan agenda rakor", 7, True, True, True, True),
]

SERIES = ("rakor-tim-terpadu", "Rakor Tim Terpadu Penanganan Konflik Sosial Kota Probolinggo")
