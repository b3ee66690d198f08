"""The demo data: the three seed meetings as the 2021 records of the Hải Dương committees, and the office that
succeeded them when Hải Dương merged into Hải Phòng on 01/07/2025, with a recent and an upcoming meeting.

Plain structures; `loader.py` turns them into rows through the services. Everything of 2021 named here is
taken from the seed articles (shared/seeds); where the articles are silent the field is left empty
or the choice is explained in a comment. No official is invented: the successor's people have placeholder
names, and its meetings and the papers are demo scaffolding and say so.
"""

import datetime

# The demo is loaded once: this organization's presence marks an existing load.
MARKER = "Tỉnh ủy Hải Dương"

# key: (name, short name, kind, level, parent key, document code, place name)
ORGANIZATIONS = {
    "tinh_uy": ("Tỉnh ủy Hải Dương", "Tỉnh ủy", "party", "province", None, "TU", "Hải Dương"),
    "ubnd": ("UBND tỉnh Hải Dương", "UBND tỉnh", "government", "province", None, "", "Hải Dương"),
    "hdnd": ("HĐND tỉnh Hải Dương", "HĐND tỉnh", "council", "province", None, "", "Hải Dương"),
    "bcsd_ubnd": ("Ban cán sự đảng UBND tỉnh", "BCSĐ UBND tỉnh", "party", "province", "tinh_uy", "", ""),
    "ban_to_chuc": ("Ban Tổ chức Tỉnh ủy", "Ban Tổ chức", "party", "province", "tinh_uy", "", ""),
    "ban_dan_van": ("Ban Dân vận Tỉnh ủy", "Ban Dân vận", "party", "province", "tinh_uy", "", ""),
    "ban_tuyen_giao": ("Ban Tuyên giáo Tỉnh ủy", "Ban Tuyên giáo", "party", "province", "tinh_uy", "", ""),
    "van_phong": ("Văn phòng Tỉnh ủy", "VPTU", "party", "province", "tinh_uy", "", ""),
    # The two steering committees that presented items to the Standing Committee (seed 000).
    "bcd_qpan": (
        "Ban Chỉ đạo xây dựng và triển khai thực hiện Chương trình tăng cường tiềm lực quốc phòng - an ninh, "
        "đảm bảo giữ vững an ninh chính trị, trật tự an toàn xã hội trên địa bàn tỉnh, giai đoạn 2021 - 2025",
        "BCĐ Chương trình quốc phòng - an ninh",
        "party",
        "province",
        "tinh_uy",
        "",
        "",
    ),
    "bcd_kinh_te": (
        "Ban Chỉ đạo xây dựng và triển khai thực hiện Chương trình phát triển kinh tế nhanh, bền vững, "
        "theo hướng tăng trưởng xanh và ứng dụng có hiệu quả các tiến bộ khoa học - công nghệ, giai đoạn 2021 - 2025",
        "BCĐ Chương trình phát triển kinh tế",
        "party",
        "province",
        "tinh_uy",
        "",
        "",
    ),
    # Named in seed 000 as the one who must follow the vaccination priorities; the article gives no parent.
    "bcd_covid": (
        "Ban Chỉ đạo phòng, chống Covid-19 tỉnh",
        "BCĐ phòng, chống Covid-19",
        "other",
        "province",
        None,
        "",
        "",
    ),
    "bchqs": ("Bộ Chỉ huy Quân sự tỉnh", "Bộ CHQS tỉnh", "army", "province", None, "", ""),
    "so_tttt": ("Sở Thông tin và Truyền thông", "Sở TT&TT", "government", "province", "ubnd", "", ""),
    "so_xay_dung": ("Sở Xây dựng", "Sở Xây dựng", "government", "province", "ubnd", "", ""),
    # A branch of the national tax administration, not a department of the province.
    "cuc_thue": ("Cục Thuế tỉnh", "Cục Thuế", "government", "province", None, "", ""),
    "thi_uy_kinh_mon": ("Thị ủy Kinh Môn", "Thị ủy Kinh Môn", "party", "district", "tinh_uy", "", "Kinh Môn"),
    # The localities the seeds name (000: Thanh Quang urban area, Hồng Đức cluster, the vaccination
    # priority areas; 001: the industrial zone), under the provincial government.
    "nam_sach": ("Huyện Nam Sách", "", "government", "district", "ubnd", "", "Nam Sách"),
    "ninh_giang": ("Huyện Ninh Giang", "", "government", "district", "ubnd", "", "Ninh Giang"),
    "tp_hai_duong": ("Thành phố Hải Dương", "", "government", "district", "ubnd", "", "Hải Dương"),
    "chi_linh": ("Thành phố Chí Linh", "", "government", "district", "ubnd", "", "Chí Linh"),
    "cam_giang": ("Huyện Cẩm Giàng", "", "government", "district", "ubnd", "", "Cẩm Giàng"),
    "kim_thanh": ("Huyện Kim Thành", "", "government", "district", "ubnd", "", "Kim Thành"),
    "kinh_mon": ("Thị xã Kinh Môn", "", "government", "district", "ubnd", "", "Kinh Môn"),
    "thanh_mien": ("Huyện Thanh Miện", "", "government", "district", "ubnd", "", "Thanh Miện"),
    "binh_giang": ("Huyện Bình Giang", "", "government", "district", "ubnd", "", "Bình Giang"),
    # Hải Dương's twelve district-level units: the seeds name nine above; the targets' figures come from all twelve.
    "thanh_ha": ("Huyện Thanh Hà", "", "government", "district", "ubnd", "", "Thanh Hà"),
    "gia_loc": ("Huyện Gia Lộc", "", "government", "district", "ubnd", "", "Gia Lộc"),
    "tu_ky": ("Huyện Tứ Kỳ", "", "government", "district", "ubnd", "", "Tứ Kỳ"),
}
DISTRICT_KEYS = [key for key, spec in ORGANIZATIONS.items() if spec[2:4] == ("government", "district")]

# The reorganization of 2025. Every organization above ended on LAST_DAY; their successors began on MERGE_DAY.
MERGE_DAY = datetime.date(2025, 7, 1)
LAST_DAY = datetime.date(2025, 6, 30)
# Nghị quyết 202/2025/QH15 of the National Assembly (12/06/2025) merged the province of Hải Dương and the city of
# Hải Phòng into the city of Hải Phòng from 01/07/2025. The Party committees were merged by a decision of the
# Politburo whose number the demo could not verify (no note or article of the corpus gives it): the National
# Assembly's resolution stands as the basis of every change below.
BASIS = {
    "basis_number": "202/2025/QH15",
    "basis_date": datetime.date(2025, 6, 12),
    "basis_title": "Nghị quyết của Quốc hội về việc sắp xếp đơn vị hành chính cấp tỉnh",
}

# The successor's organizations, as ORGANIZATIONS, all beginning on MERGE_DAY; and Hải Phòng's former committees,
# which end on LAST_DAY as Hải Dương's do (the demo has none of their records). The names are those of the time:
# the former and the new city committees have the same name, their days tell them apart.
SUCCESSOR_ORGANIZATIONS = {
    "thanh_uy": ("Thành ủy Hải Phòng", "Thành ủy", "party", "province", None, "TU", "Hải Phòng"),
    "ubnd_tp": ("UBND thành phố Hải Phòng", "UBND thành phố", "government", "province", None, "", "Hải Phòng"),
    "hdnd_tp": ("HĐND thành phố Hải Phòng", "HĐND thành phố", "council", "province", None, "", "Hải Phòng"),
    "van_phong_tu": ("Văn phòng Thành ủy Hải Phòng", "VPTU", "party", "province", "thanh_uy", "", ""),
    "ban_to_chuc_tu": ("Ban Tổ chức Thành ủy Hải Phòng", "Ban Tổ chức", "party", "province", "thanh_uy", "", ""),
    "ban_tgdv_tu": (
        "Ban Tuyên giáo và Dân vận Thành ủy Hải Phòng",
        "Ban Tuyên giáo và Dân vận",
        "party",
        "province",
        "thanh_uy",
        "",
        "",
    ),
    "dang_uy_ubnd": (
        "Đảng ủy UBND thành phố Hải Phòng",
        "Đảng ủy UBND thành phố",
        "party",
        "province",
        "thanh_uy",
        "",
        "",
    ),
    "bchqs_tp": ("Bộ Chỉ huy Quân sự thành phố Hải Phòng", "Bộ CHQS thành phố", "army", "province", None, "", ""),
    "so_khcn_tp": (
        "Sở Khoa học và Công nghệ thành phố Hải Phòng",
        "Sở KH&CN",
        "government",
        "province",
        "ubnd_tp",
        "",
        "",
    ),
    "so_xay_dung_tp": ("Sở Xây dựng thành phố Hải Phòng", "Sở Xây dựng", "government", "province", "ubnd_tp", "", ""),
    "thue_tp": ("Thuế thành phố Hải Phòng", "Thuế thành phố", "government", "province", None, "", ""),
}
FORMER_HAI_PHONG = {
    "thanh_uy_cu": ("Thành ủy Hải Phòng", "Thành ủy", "party", "province", None, "TU", "Hải Phòng"),
    "ubnd_tp_cu": ("UBND thành phố Hải Phòng", "UBND thành phố", "government", "province", None, "", "Hải Phòng"),
    "hdnd_tp_cu": ("HĐND thành phố Hải Phòng", "HĐND thành phố", "council", "province", None, "", "Hải Phòng"),
}

# (kind, predecessor keys, successor keys, note), recorded in this order on MERGE_DAY on BASIS. The three committees
# merge; Hải Dương's units end with their duties passed to the city's corresponding unit; the district level ends,
# its duties passing to the city's departments and the communes (the demo has no commune: to the city's government).
REORGANIZATIONS = [
    ("merge", ["tinh_uy", "thanh_uy_cu"], ["thanh_uy"], "Hợp nhất Đảng bộ tỉnh Hải Dương và Đảng bộ thành phố."),
    ("merge", ["ubnd", "ubnd_tp_cu"], ["ubnd_tp"], "Hợp nhất tỉnh Hải Dương và thành phố Hải Phòng."),
    ("merge", ["hdnd", "hdnd_tp_cu"], ["hdnd_tp"], "Hợp nhất tỉnh Hải Dương và thành phố Hải Phòng."),
    # The two steering committees of the 2021-2025 programmes end with the Tỉnh ủy; their files go to the office.
    (
        "dissolution",
        ["van_phong", "bcd_qpan", "bcd_kinh_te"],
        ["van_phong_tu"],
        "Chuyển giao nhiệm vụ cho Văn phòng Thành ủy.",
    ),
    ("dissolution", ["ban_to_chuc"], ["ban_to_chuc_tu"], "Chuyển giao nhiệm vụ cho Ban Tổ chức Thành ủy."),
    (
        "merge",
        ["ban_tuyen_giao", "ban_dan_van"],
        ["ban_tgdv_tu"],
        "Hợp nhất vào Ban Tuyên giáo và Dân vận Thành ủy.",
    ),
    ("dissolution", ["bcsd_ubnd"], ["dang_uy_ubnd"], "Chuyển giao nhiệm vụ cho Đảng ủy UBND thành phố."),
    ("dissolution", ["bchqs"], ["bchqs_tp"], "Chuyển giao nhiệm vụ cho Bộ Chỉ huy Quân sự thành phố."),
    ("dissolution", ["so_tttt"], ["so_khcn_tp"], "Chuyển giao nhiệm vụ cho Sở Khoa học và Công nghệ thành phố."),
    ("dissolution", ["so_xay_dung"], ["so_xay_dung_tp"], "Chuyển giao nhiệm vụ cho Sở Xây dựng thành phố."),
    ("dissolution", ["cuc_thue"], ["thue_tp"], "Chuyển giao nhiệm vụ cho Thuế thành phố."),
    ("dissolution", ["bcd_covid"], ["ubnd_tp"], "Chuyển giao nhiệm vụ cho UBND thành phố."),
    ("dissolution", ["thi_uy_kinh_mon"], ["thanh_uy"], "Kết thúc hoạt động của cấp huyện."),
    (
        "dissolution",
        DISTRICT_KEYS,
        ["ubnd_tp"],
        "Kết thúc hoạt động của cấp huyện; nhiệm vụ chuyển giao cho các sở, ngành thành phố và UBND các xã, phường.",
    ),
]

# key: (organization key, name, kind, signature heading, term ordinal, term start, term end)
BODIES = {
    # The provincial Party congress (term 2020-2025) closed in mid-October 2020; the seeds do not give the day.
    # The term ends with the Tỉnh ủy (the reorganization ends it).
    "btv": (
        "tinh_uy",
        "Ban Thường vụ Tỉnh ủy",
        "standing_committee",
        "T/M BAN THƯỜNG VỤ",
        "XVII",
        datetime.date(2020, 10, 16),
    ),
    "bch": (
        "tinh_uy",
        "Ban Chấp hành Đảng bộ tỉnh",
        "executive_committee",
        "T/M TỈNH ỦY",
        "XVII",
        datetime.date(2020, 10, 16),
    ),
    # The new committee's Standing Committee: a new body whose terms are counted from its first (demo choice: the
    # committee appointed for the merged city from MERGE_DAY is the new body's term I).
    "btv_tp": (
        "thanh_uy",
        "Ban Thường vụ Thành ủy",
        "standing_committee",
        "T/M BAN THƯỜNG VỤ",
        "I",
        MERGE_DAY,
    ),
}


# Positions in the order the seeds write the titles: (title, organization key, start, end).
# key: (full name, positions, seats {body key: membership role})
PEOPLE = {
    "thang": (
        "Phạm Xuân Thăng",
        [
            ("Ủy viên Trung ương Đảng", None, None, None),
            ("Bí thư Tỉnh ủy", "tinh_uy", None, None),
            # Seed 002 (22/3/2021) nominates him for the post; seed 001 (10/9/2021) is the first to name
            # him in it. The election day is not in the seeds, so the post starts at the first mention.
            ("Chủ tịch HĐND tỉnh khóa XVII", "hdnd", datetime.date(2021, 9, 10), None),
        ],
        {"btv": "chair", "bch": "chair"},
    ),
    "hieu": (
        "Lê Văn Hiệu",
        [("Phó Bí thư Thường trực Tỉnh ủy", "tinh_uy", None, None)],
        {"btv": "deputy", "bch": "deputy"},
    ),
    "hung": ("Triệu Thế Hùng", [("Phó Bí thư Tỉnh ủy", "tinh_uy", None, None)], {"btv": "deputy", "bch": "deputy"}),
    "hien": (
        "Nguyễn Mạnh Hiển",
        [
            ("nguyên Ủy viên Trung ương Đảng", None, None, None),
            ("nguyên Bí thư Tỉnh ủy", "tinh_uy", None, None),
            # The conference of 22/3/2021 agreed that he leave the post; the council's relief date is not given.
            ("Chủ tịch HĐND tỉnh", "hdnd", None, datetime.date(2021, 3, 22)),
        ],
        {},
    ),
    "thai": (
        "Nguyễn Dương Thái",
        [("Chủ tịch UBND tỉnh", "ubnd", None, None), ("Trưởng Đoàn đại biểu Quốc hội tỉnh", None, None, None)],
        {},
    ),
    "son": (
        "Nguyễn Hồng Sơn",
        [
            ("Ủy viên Ban Thường vụ Tỉnh ủy", "tinh_uy", None, None),
            ("Trưởng Ban Tổ chức Tỉnh ủy", "ban_to_chuc", None, None),
        ],
        {"btv": "member", "bch": "member"},
    ),
    "ban": (
        "Lưu Văn Bản",
        [("Ủy viên Ban Thường vụ Tỉnh ủy", "tinh_uy", None, None), ("Phó Chủ tịch UBND tỉnh", "ubnd", None, None)],
        {"btv": "member", "bch": "member"},
    ),
    "phuc": (
        "Nguyễn Quang Phúc",
        [
            ("Ủy viên Ban Thường vụ Tỉnh ủy", "tinh_uy", None, None),
            ("Trưởng Ban Tuyên giáo Tỉnh ủy", "ban_tuyen_giao", None, None),
        ],
        {"btv": "member", "bch": "member"},
    ),
    "cao_thang": (
        "Nguyễn Cao Thắng",
        [("Tỉnh ủy viên", "tinh_uy", None, None), ("Giám đốc Sở Thông tin và Truyền thông", "so_tttt", None, None)],
        {"bch": "member"},
    ),
    "hoan": (
        "Nguyễn Năng Hoàn",
        [("Tỉnh ủy viên", "tinh_uy", None, None), ("Cục trưởng Cục Thuế tỉnh", "cuc_thue", None, None)],
        {"bch": "member"},
    ),
    "doan": (
        "Nguyễn Văn Đoàn",
        [("Tỉnh ủy viên", "tinh_uy", None, None), ("Giám đốc Sở Xây dựng", "so_xay_dung", None, None)],
        {"bch": "member"},
    ),
    "yen": (
        "Sái Thị Yến",
        [("Tỉnh ủy viên", "tinh_uy", None, None), ("Bí thư Thị ủy Kinh Môn", "thi_uy_kinh_mon", None, None)],
        {"bch": "member"},
    ),
}

# The successor's people. Placeholder names, as Vietnamese forms write them (Nguyễn Văn A, Trần Thị B, …): the demo
# names no official of the merged city. Their seats are in the new Standing Committee from MERGE_DAY.
SUCCESSOR_PEOPLE = {
    "a": (
        "Nguyễn Văn A",
        [("Bí thư Thành ủy", "thanh_uy", MERGE_DAY, None)],
        {"btv_tp": "chair"},
    ),
    "b": (
        "Trần Thị B",
        [("Phó Bí thư Thường trực Thành ủy", "thanh_uy", MERGE_DAY, None)],
        {"btv_tp": "deputy"},
    ),
    "c": (
        "Lê Văn C",
        [("Phó Bí thư Thành ủy", "thanh_uy", MERGE_DAY, None), ("Chủ tịch UBND thành phố", "ubnd_tp", MERGE_DAY, None)],
        {"btv_tp": "deputy"},
    ),
    "d": (
        "Phạm Văn D",
        [
            ("Ủy viên Ban Thường vụ Thành ủy", "thanh_uy", MERGE_DAY, None),
            ("Trưởng Ban Tổ chức Thành ủy", "ban_to_chuc_tu", MERGE_DAY, None),
        ],
        {"btv_tp": "member"},
    ),
    "e": (
        "Hoàng Thị E",
        [
            ("Ủy viên Ban Thường vụ Thành ủy", "thanh_uy", MERGE_DAY, None),
            ("Trưởng Ban Tuyên giáo và Dân vận Thành ủy", "ban_tgdv_tu", MERGE_DAY, None),
        ],
        {"btv_tp": "member"},
    ),
    "g": (
        "Vũ Văn G",
        [
            ("Ủy viên Ban Thường vụ Thành ủy", "thanh_uy", MERGE_DAY, None),
            ("Phó Chủ tịch UBND thành phố", "ubnd_tp", MERGE_DAY, None),
        ],
        {"btv_tp": "member"},
    ),
    "h": (
        "Đỗ Thị H",
        [
            ("Thành ủy viên", "thanh_uy", MERGE_DAY, None),
            ("Giám đốc Sở Khoa học và Công nghệ", "so_khcn_tp", MERGE_DAY, None),
        ],
        {},
    ),
}

# One login per role, printed by `hoinghi demo`: (role, username, person key, organization key). Every login is
# the successor's: the 2021 people speak and vote in their records through accounts with no password.
ACCOUNTS = [
    ("office", "vanphong", None, "van_phong_tu"),
    ("chair", "chutri", "a", None),
    ("member", "uyvien", "e", None),
    # The Standing Committee's other members: a secret vote is tried with several members' phones.
    ("member", "uyvien2", "b", None),
    ("member", "uyvien3", "c", None),
    ("member", "uyvien4", "d", None),
    ("member", "uyvien5", "g", None),
    ("invitee", "daibieu", "h", None),
    ("unit_staff", "donvi", None, "ubnd_tp"),
    ("leader", "lanhdao", None, "thanh_uy"),
    ("admin", "quantri", None, None),
]
# The name each demo login without a person of the seeds shows in the history of changes (never the login).
ACCOUNT_NAMES = {
    "vanphong": "Chuyên viên Văn phòng Thành ủy",
    "donvi": "Cán bộ UBND thành phố",
    "lanhdao": "Lãnh đạo Thành ủy",
    "quantri": "Quản trị hệ thống",
}
# The office of 2021, whose work the records show: an account of the Văn phòng Tỉnh ủy with no password, moved to
# the successor's office by the reorganization as every account of an ended unit is.
OFFICE_2021 = ("vanphong.haiduong", "Chuyên viên Văn phòng Tỉnh ủy Hải Dương", "van_phong")


# The counting board of the upcoming meeting's secret vote, its head first: three members with demo logins, two of
# whom give their key shares to count it.
COUNTING_BOARD = ["e", "b", "c"]
BOARD_SHARES = 2


def members(body: str) -> list[str]:
    """The people holding a seat in the body, in this file's order."""
    return [key for key, (_name, _positions, seats) in (PEOPLE | SUCCESSOR_PEOPLE).items() if body in seats]


# The papers, generated as DOCX. The texts are the article's account of the draft, not the draft itself.
DEMO_NOTE = "Tài liệu mẫu của bản demo, soạn lại từ nội dung bài báo đã đăng; không phải văn bản chính thức."
DIGITAL_RESOLUTION_TEXT = [
    ("title", "NGHỊ QUYẾT chuyên đề về chuyển đổi số tỉnh Hải Dương giai đoạn 2021 - 2025, định hướng đến năm 2030"),
    ("heading", "I. Mục tiêu tổng quát"),
    (
        "text",
        "Đổi mới căn bản, toàn diện công tác quản lý, điều hành của các cấp ủy, chính quyền tiến tới xây dựng chính "
        "quyền số; phát triển kinh tế số, xã hội số và thúc đẩy hoạt động sản xuất, kinh doanh theo hướng ứng dụng "
        "công nghệ số, hình thành các doanh nghiệp công nghệ số có sức cạnh tranh trên thị trường. Phấn đấu đến năm "
        "2025 đưa Hải Dương thuộc nhóm 20 tỉnh, thành phố dẫn đầu cả nước về chuyển đổi số; tạo tiền đề đến năm 2030 "
        "thuộc nhóm 15 tỉnh, thành phố dẫn đầu cả nước về chuyển đổi số.",
    ),
    ("heading", "II. Một số mục tiêu cơ bản đến năm 2025"),
    (
        "bullet",
        "80% số dịch vụ công trực tuyến mức độ 4 được cung cấp trên nhiều phương tiện truy cập khác nhau, bao gồm cả "
        "thiết bị di động.",
    ),
    (
        "bullet",
        "90% hồ sơ công việc tại cấp tỉnh, 80% hồ sơ công việc tại cấp huyện và 70% hồ sơ công việc tại cấp xã được "
        "xử lý trên môi trường mạng (trừ hồ sơ công việc thuộc phạm vi bí mật nhà nước).",
    ),
    ("bullet", "Kinh tế số chiếm 20% tổng sản phẩm trên địa bàn (GRDP)."),
    ("bullet", "Phấn đấu có trên 700 doanh nghiệp công nghệ số."),
    ("bullet", "Phổ cập dịch vụ mạng di động 4G/5G và điện thoại di động thông minh."),
    ("bullet", "Tỷ lệ dân số có tài khoản thanh toán điện tử trên 50%."),
    ("heading", "III. Tám nhóm giải pháp"),
    (
        "bullet",
        "Tăng cường tuyên truyền, đổi mới tư duy, nhận thức của từng cán bộ, đảng viên, nhân dân và doanh nghiệp về "
        "chuyển đổi số.",
    ),
    (
        "bullet",
        "Xây dựng cơ chế, chính sách thúc đẩy quá trình chuyển đổi số của tỉnh; đẩy mạnh phát triển nguồn nhân lực "
        "phục vụ quá trình chuyển đổi số.",
    ),
    ("bullet", "Huy động nguồn lực đầu tư phát triển hạ tầng kỹ thuật đáp ứng yêu cầu chuyển đổi số của địa phương."),
    ("bullet", "Xây dựng chính quyền số, hình thành các đô thị thông minh."),
    ("bullet", "Phát triển kinh tế số."),
    ("bullet", "Phát triển xã hội số."),
    ("bullet", "Bảo đảm an toàn, an ninh thông tin mạng."),
    (
        "bullet",
        "Ưu tiên kinh phí từ nguồn ngân sách và huy động các nguồn đầu tư của doanh nghiệp, cộng đồng để đầu tư phát "
        "triển chuyển đổi số.",
    ),
]

# key: (title, document kind, confidentiality, file name, content)
PAPERS = {
    "digital_draft": (
        "Tờ trình và dự thảo Nghị quyết chuyên đề về chuyển đổi số",
        "draft_resolution",
        "normal",
        "du-thao-nghi-quyet-chuyen-doi-so.docx",
        DIGITAL_RESOLUTION_TEXT,
    ),
    "digital_targets": (
        "Nghị quyết chuyên đề về chuyển đổi số: mục tiêu và nhóm giải pháp (trích)",
        "report",
        "normal",
        "muc-tieu-chuyen-doi-so.docx",
        DIGITAL_RESOLUTION_TEXT,
    ),
    "personnel": (
        "Tờ trình về công tác cán bộ",
        "submission",
        "secret",
        "to-trinh-cong-tac-can-bo.docx",
        [
            ("title", "TỜ TRÌNH về một số nội dung công tác cán bộ"),
            ("text", "Tài liệu mật: chỉ Ủy viên Ban Thường vụ Thành ủy được đọc; mỗi lần mở đều được ghi lại."),
            ("text", "Nội dung nhân sự không được đưa vào bản demo."),
        ],
    ),
}

# Conclusion: (outcome, text, [(lead organization key, directive content)]). Deadlines: the seeds give none;
# the demo's are in FOLLOW_UP.
# Items: dict(title, kind, presenter organization key, presenter person key, confidentiality,
#             papers, conclusion, opinions [(person key, text)], polls [poll]).
# Polls: dict(title, kind, method, subjects [(label, person key, mark)], voters [person keys]). At a sitting
#        held, every voter marks each subject as its `mark` says (the seeds report unanimous results only);
#        a poll without voters stays a draft.
# Meetings: dict(body, number, day/time or days ahead, title, chairs, invitees [(person, item keys)],
#                present [person keys], status, items {key: item}).

SEED_000 = {
    "key": "seed000",
    "body": "btv",
    "number": None,
    # The article is dated 06/03/2021 and calls it the early-March sitting; neither day nor hour is stated.
    "starts_at": datetime.datetime(2021, 3, 6, 8, 0),
    "title": "Phiên họp Ban Thường vụ Tỉnh uỷ đầu tháng 3/2021",
    "chairs": ["thang"],
    "invitees": [("thai", [])],
    "present": ["thang", "thai"],
    "status": "closed",
    "items": {
        "thanh_quang": {
            "title": "Đề án đề nghị công nhận đô thị Thanh Quang, huyện Nam Sách đạt tiêu chí đô thị loại V",
            "kind": "scheme",
            "presenter_organization": "bcsd_ubnd",
            "conclusion": (
                "approved",
                "Ban Thường vụ Tỉnh uỷ đồng ý với Đề án đề nghị công nhận đô thị Thanh Quang, huyện Nam Sách đạt tiêu "
                "chí đô thị loại V, phù hợp với chương trình phát triển đô thị của tỉnh giai đoạn 2021- 2030 tỉnh Hải "
                "Dương. Đây là đô thị có vai trò quan trọng thúc đẩy phát triển kinh tế, xã hội vùng Đông Bắc của "
                "huyện Nam Sách giai đoạn trước mắt và lâu dài.",
                [],
            ),
        },
        "hong_duc": {
            "title": "Chủ trương thành lập Cụm công nghiệp Hồng Đức, huyện Ninh Giang",
            "kind": "submission",
            "presenter_organization": "bcsd_ubnd",
            # The article concludes this item and the next in one sentence; each item keeps its part.
            "conclusion": (
                "returned",
                "Về chủ trương thành lập Cụm công nghiệp Hồng Đức, huyện Ninh Giang, Ban Thường vụ Tỉnh uỷ giao UBND "
                "tỉnh tiếp tục rà soát, báo cáo đề xuất cụ thể phù hợp với quy định.",
                [
                    (
                        "ubnd",
                        "Tiếp tục rà soát, báo cáo đề xuất cụ thể về chủ trương thành lập Cụm công nghiệp Hồng Đức, "
                        "huyện Ninh Giang phù hợp với quy định.",
                    )
                ],
            ),
        },
        "phu_quy": {
            "title": (
                "Báo cáo về việc phê duyệt giá đất cụ thể và phương án thu tiền sử dụng đất, tiền thuê đất trả tiền 1 "
                "lần khi nhà nước giao đất, cho thuê đất đối với Liên doanh Công ty TNHH tập đoàn Quang Giáp và Công "
                "ty TNHH Đức Dương để thực hiện Dự án đầu tư xây dựng Khu đô thị Phú Quý (Goldenland), thành phố Hải "
                "Dương, giai đoạn 1"
            ),
            "kind": "report",
            "presenter_organization": "bcsd_ubnd",
            "conclusion": (
                "returned",
                "Về phê duyệt giá đất cụ thể và phương án thu tiền sử dụng đất, tiền thuê đất trả tiền 1 lần khi nhà "
                "nước giao đất, cho thuê đất đối với Liên doanh Công ty TNHH tập đoàn Quang Giáp và Công ty TNHH Đức "
                "Dương để thực hiện Dự án đầu tư xây dựng Khu đô thị Phú Quý (Goldenland), thành phố Hải Dương, giai "
                "đoạn 1; Ban Thường vụ Tỉnh uỷ giao UBND tỉnh tiếp tục rà soát, báo cáo đề xuất cụ thể phù hợp với "
                "quy định.",
                [
                    (
                        "ubnd",
                        "Tiếp tục rà soát, báo cáo đề xuất cụ thể về phê duyệt giá đất cụ thể và phương án thu tiền sử "
                        "dụng đất, tiền thuê đất Dự án Khu đô thị Phú Quý (Goldenland), thành phố Hải Dương, giai đoạn "
                        "1 phù hợp với quy định.",
                    )
                ],
            ),
        },
        "vaccine": {
            "title": "Triển khai kế hoạch tiêm phòng vaccine Covid-19",
            "kind": "report",
            "presenter_organization": "bcsd_ubnd",
            # The article reports the chair's requirements on this item, not an approval.
            "conclusion": (
                "noted",
                "Để công tác tiêm phòng vaccine Covid-19 đảm bảo đúng đối tượng, công khai, minh bạch, tránh hiểu lầm "
                "và gây thắc mắc không đáng có, đồng chí Bí thư Tỉnh uỷ yêu cầu Ban Chỉ đạo phòng, chống Covid-19 ở "
                "cấp tỉnh và các địa phương cần phải bám sát 9 đối tượng ưu tiên theo Nghị quyết của Chính phủ và "
                "hướng dẫn Bộ Y tế; trước mắt cần "
                "ưu tiên cho những người trên tuyến đầu chống dịch, người có nguy cơ cao; các địa phương có nguy cơ "
                "lây nhiễm cao như Chí Linh, Hải Dương, Cẩm Giàng, Kim Thành, Kinh Môn và Nam Sách. Đồng thời, các ban "
                "chỉ đạo cần phối hợp lập danh sách và cần rà soát thật cụ thể về các nhóm đối tượng được tiêm phòng "
                "đợt 1 để tránh trùng lặp. Cùng với tổ chức tập huấn thật kỹ cho cán bộ y tế làm công tác tiêm phòng "
                "vaccine đảm bảo an toàn, hiệu quả; hạn chế thấp nhất nguy cơ xảy ra các biến chứng; có phương án xử "
                "lý kịp thời khi xảy ra. Bí thư Tỉnh uỷ yêu cầu cần phải làm điểm để rút kinh nghiệm trước khi triển "
                "khai diện rộng.",
                [
                    (
                        "bcd_covid",
                        "Cùng các địa phương bám sát 9 đối tượng ưu tiên theo Nghị quyết của Chính phủ và hướng dẫn Bộ "
                        "Y tế trong tiêm phòng vaccine Covid-19; trước mắt ưu tiên những người trên tuyến đầu chống "
                        "dịch, người có nguy cơ cao, các địa phương có nguy cơ lây nhiễm cao (Chí Linh, Hải Dương, Cẩm "
                        "Giàng, Kim Thành, Kinh Môn, Nam Sách).",
                    ),
                    (
                        "bcd_covid",
                        "Phối hợp với các ban chỉ đạo lập danh sách, rà soát cụ thể các nhóm đối tượng được tiêm phòng "
                        "đợt 1 để tránh trùng lặp; tập huấn kỹ cho cán bộ y tế làm công tác tiêm phòng; có phương án "
                        "xử lý kịp thời biến chứng; làm điểm để rút kinh nghiệm trước khi triển khai diện rộng.",
                    ),
                ],
            ),
        },
        "qpan": {
            "title": (
                "Chương trình tăng cường tiềm lực quốc phòng - an ninh, đảm bảo giữ vững an ninh chính trị, trật tự an "
                "toàn xã hội trên địa bàn tỉnh, giai đoạn 2021 – 2025"
            ),
            "kind": "report",
            "presenter_organization": "bcd_qpan",
        },
        "phong_thu": {
            "title": (
                "Kế hoạch tiếp tục thực hiện Đề án “Xây dựng khu vực phòng thủ tỉnh Hải Dương” giai đoạn 2021 - 2025"
            ),
            "kind": "report",
            "presenter_organization": "bcd_qpan",
            "conclusion": (
                "noted",
                "Về Kế hoạch tiếp tục thực hiện Đề án “Xây dựng khu vực phòng thủ tỉnh Hải Dương” giai đoạn 2021 – "
                "2025, Bí thư Tỉnh uỷ yêu cầu Bộ chỉ huy quân sự tỉnh cần bổ sung thêm căn cứ vào Nghị quyết Đại hội "
                "lần thứ XIII của Đảng và Nghị "
                "quyết Đại hội Đảng bộ tỉnh lần thứ XVII; cùng với đánh giá sâu thêm về thực hiện nhiệm vụ Quốc "
                "phòng, quân sự địa phương của tỉnh; những nguy cơ thách thức mới đặt ra trong nhiệm vụ xây dựng khu "
                "vực phòng thủ tỉnh, giai đoạn 2021 - 2025 trước những tác động, diễn biến ở biển đông, khu vực và "
                "thế giới. Cập nhật thêm những định hướng lớn của tỉnh khi xác định là tỉnh công nghiệp, cùng với "
                "phát triển các khu, cụm công nghiệp, dự án khu đô thị, thương mại, dịch vụ... Liên quan đến khu vực "
                "phòng thủ với công tác quản lý xã hội, an ninh trật tự... để giải quyết các vấn đề về an ninh, quốc "
                "phòng trong giai đoạn mới.",
                [
                    (
                        "bchqs",
                        "Bổ sung căn cứ Nghị quyết Đại hội lần thứ XIII của Đảng và Nghị quyết Đại hội Đảng bộ tỉnh "
                        "lần "
                        "thứ XVII; đánh giá sâu thêm về thực hiện nhiệm vụ quốc phòng, quân sự địa phương và những "
                        "nguy cơ thách thức mới trong xây dựng khu vực phòng thủ tỉnh; cập nhật những định hướng lớn "
                        "của tỉnh.",
                    )
                ],
            ),
        },
        "chuyen_doi_so": {
            "title": (
                "Dự thảo Nghị quyết chuyên đề về chuyển đổi số tỉnh Hải Dương giai đoạn 2021 - 2025, định hướng đến "
                "năm 2030"
            ),
            "kind": "draft_resolution",
            "presenter_organization": "bcd_kinh_te",
            "conclusion": (
                "basically_approved",
                "Ban Thường vụ Tỉnh uỷ cơ bản đồng ý với Dự thảo Nghị quyết chuyên đề về chuyển đổi số tỉnh Hải Dương "
                "giai đoạn 2021 - 2025, định hướng đến năm 2030, giao cho UBND tỉnh rà soát, quyết định triển khai "
                "thực hiện. Yêu cầu cần phải đánh giá đầy đủ, khách quan về việc chuyển đổi số gồm toàn bộ đối tượng "
                "thực hiện là các cơ quan nhà nước, người dân và doanh nghiệp; trong đó xác định cán bộ, đảng viên "
                "phải gương mẫu đi đầu trong chuyển đổi số và thực hiện nhiệm vụ. Vì vậy Nghị quyết khi ban hành cần "
                "phải rà soát kỹ về mục tiêu cho phù hợp, nhất là các mục tiêu lớn, cơ bản và bám sát theo Nghị quyết "
                "Đại hội Đảng bộ tỉnh lần thứ XVII; cùng với các chỉ tiêu về năng suất lao động; doanh nghiệp sử dụng "
                "công nghệ số,...",
                [
                    (
                        "ubnd",
                        "Rà soát, quyết định triển khai thực hiện Nghị quyết chuyên đề về chuyển đổi số tỉnh Hải Dương "
                        "giai đoạn 2021 - 2025, định hướng đến năm 2030.",
                    )
                ],
            ),
        },
        "dan_van": {
            "title": (
                "Đề xuất sửa đổi, bổ sung, thay thế Quy định tiếp xúc, đối thoại của người đứng đầu cấp ủy đảng, chính "
                "quyền các cấp với nhân dân trên địa bàn tỉnh"
            ),
            "kind": "submission",
            "presenter_organization": "ban_dan_van",
        },
        "to_chuc_can_bo": {
            "title": "Một số nội dung về công tác tổ chức cán bộ",
            "kind": "personnel",
            "presenter_organization": "ban_to_chuc",
        },
    },
}

SEED_001 = {
    "key": "seed001",
    "body": "btv",
    "number": 36,
    # "Ngày 10/9": the hour is not stated.
    "starts_at": datetime.datetime(2021, 9, 10, 8, 0),
    "title": "Hội nghị Ban Thường vụ Tỉnh ủy lần thứ 36",
    "chairs": ["thang"],
    "invitees": [],
    "present": ["thang"],
    "status": "closed",
    # The article names no presenter except the Organization Board for the personnel submissions.
    "items": {
        "kinh_te": {
            "title": (
                "Chương trình phát triển kinh tế nhanh, bền vững theo hướng tăng trưởng xanh và ứng dụng có hiệu quả "
                "các tiến bộ khoa học công nghệ giai đoạn 2021-2030"
            ),
            "kind": "scheme",
            "conclusion": (
                "approved_with_revisions",
                "Ban Thường vụ Tỉnh ủy yêu cầu Ban cán sự đảng cần chỉ đạo UBND tỉnh tiếp thu các ý kiến tham gia, bổ "
                "sung, hoàn thiện Chương trình để báo cáo Ban Chấp hành Đảng bộ tỉnh. Trong đó, cần chú ý phân tích "
                "dự báo về bối cảnh phát triển của tỉnh trong 10 năm tới để từ đó nắm bắt các cơ hội nhằm thúc đẩy "
                "phát triển kinh tế; cần cụ thể hóa chiến lược phát triển kinh tế 10 năm giai đoạn 2021-2030, nhất là "
                "các đột phá chiến lược như: Khơi dậy khát vọng phát triển của tỉnh, đổi mới tư duy, tầm nhìn phát "
                "triển, nâng cao nhận thức về phát triển nhanh và bền vững, khơi dậy tinh thần đổi mới sáng tạo, dám "
                "đột phá, dám thí điểm làm những mô hình mới, tạo bước đột phá, sáng tạo, tạo ra phong trào thi đua có "
                "sức lan tỏa trong các thành phần kinh tế, tạo khí thế thi đua phát triển kinh tế; Huy động và sử "
                "dụng hiệu quả mọi nguồn lực đầu tư; sớm hoàn thiện quy hoạch tỉnh có chất lượng và tầm nhìn phát "
                "triển vượt trội; Tập trung nguồn lực đầu tư xây dựng hạ tầng đồng bộ hiện đại, tập trung đầu tư hạ "
                "tầng kỹ thuật cho phát triển công nghiệp và đô thị; phát triển công nghiệp công nghệ cao và công "
                "nghiệp phụ trợ, coi đây là động lực tăng trưởng chủ yếu của tỉnh trong 10 năm tới; Thu hút dòng vốn "
                "FDI, đẩy mạnh phát kinh tế nông nghiệp nông thôn, kinh tế đô thị và dịch vụ chất lượng cao, lấy đô "
                "thị làm nguồn động lực quan trọng; Cải thiện mạnh mẽ môi trường đầu tư kinh doanh, nâng cao năng lực "
                "cạnh tranh cấp tỉnh, tạo điều kiện thuận lợi cho các thành phần kinh tế phát triển; Nâng cao chất "
                "lượng và sử dụng hiệu quả nguồn nhân lực gắn với đổi mới sáng tạo, đẩy mạnh chuyển đổi số, coi "
                "chuyển đổi số là động lực thúc đẩy sự phát triển kinh tế nhanh và bứt phá; Xây dựng và thực hiện "
                "chiến lược tăng trưởng xanh giai đoạn 2021-2030 trong các lĩnh vực, tập trung bảo vệ môi trường; Mở "
                "rộng và nâng cao hiệu quả công tác đối ngoại.",
                [
                    (
                        "bcsd_ubnd",
                        "Chỉ đạo UBND tỉnh tiếp thu các ý kiến tham gia, bổ sung, hoàn thiện Chương trình phát triển "
                        "kinh tế nhanh, bền vững để báo cáo Ban Chấp hành Đảng bộ tỉnh.",
                    )
                ],
            ),
        },
        "su_dung_dat": {
            "title": "Phương án chỉ tiêu sử dụng đất đến năm 2025 và năm 2030 tỉnh Hải Dương",
            "kind": "report",
            "conclusion": (
                "basically_approved",
                "Cho ý kiến về chỉ tiêu sử dụng đất đến năm 2025 và năm 2030 của tỉnh, Ban Thường vụ Tỉnh ủy cơ bản "
                "nhất trí và giao Ban cán sự đảng UBND tỉnh chỉ đạo hoàn thành báo cáo Bộ Tài nguyên và Môi trường để "
                "đăng ký chỉ tiêu sử dụng đất lúa, phân bổ vào các vùng phát triển theo quy định.",
                [
                    (
                        "bcsd_ubnd",
                        "Chỉ đạo hoàn thành báo cáo Bộ Tài nguyên và Môi trường để đăng ký chỉ tiêu sử dụng đất lúa, "
                        "phân bổ vào các vùng phát triển theo quy định.",
                    )
                ],
            ),
        },
        "vung_cong_nghiep": {
            "title": (
                "Phương án ý tưởng quy hoạch vùng công nghiệp động lực tỉnh và định hướng phát triển khu, cụm công "
                "nghiệp trong tỉnh"
            ),
            "kind": "scheme",
            # One item, two decisions: the industrial zone agreed, the parks and clusters basically agreed
            # subject to review. An item has one outcome; the weaker one stands for the whole.
            "conclusion": (
                "basically_approved",
                "Ban Thường vụ Tỉnh ủy cũng thống nhất quy hoạch một vùng công nghiệp động lực có diện tích khoảng "
                "4.000-5.000 ha thuộc địa bàn 2 huyện Thanh Miện, Bình Giang, kết nối với đường ô tô cao tốc Hà Nội - "
                "Hải Phòng - Hạ Long tại Bình Giang. Vùng công nghiệp động lực sẽ có các phân khu: Khu công nghiệp "
                "chuyên biệt công nghệ cao cùng khu công nghiệp sinh thái; khu đô thị; khu trung tâm dịch vụ công "
                "nghiệp; trung tâm đổi mới, sáng tạo; khu thương mại, dịch vụ, y tế và khu logistics. Đối với quy "
                "hoạch các khu công nghiệp, cụm công nghiệp trên địa bàn tỉnh Ban Thường vụ Tỉnh ủy cơ bản nhất trí "
                "với số lượng, vị trí và dự kiến quy mô, tuy nhiên cần phải rà soát lại một số khu, cụm công nghiệp "
                "đảm bảo phát huy tối đa hiệu quả đầu tư.",
                [],
            ),
        },
        "quy_che": {
            "title": "Quy chế làm việc của UBND tỉnh nhiệm kỳ 2021-2026",
            "kind": "submission",
            "conclusion": (
                "noted",
                "Ban Thường vụ Tỉnh ủy cho ý kiến vào Quy chế làm việc của UBND tỉnh nhiệm kỳ 2021-2026.",
                [],
            ),
        },
        "nghe_si": {
            "title": "Xét tặng danh hiệu Nghệ sĩ Nhân dân, Nghệ sĩ Ưu tú tỉnh Hải Dương lần thứ 10",
            "kind": "submission",
            "conclusion": (
                "noted",
                "Ban Thường vụ Tỉnh ủy cho ý kiến vào việc xét tặng danh hiệu nghệ sĩ nhân dân, nghệ sĩ ưu tú tỉnh "
                "Hải Dương lần thứ 10.",
                [],
            ),
        },
        "ket_nap": {
            "title": "Chỉ thị của Ban Thường vụ Tỉnh ủy về đẩy mạnh công tác kết nạp đảng viên trong giai đoạn mới",
            # A draft directive (chỉ thị): the item kinds have no closer match than "other".
            "kind": "other",
            "conclusion": (
                "noted",
                "Ban Thường vụ Tỉnh ủy cho ý kiến vào Chỉ thị của Ban Thường vụ Tỉnh ủy về đẩy mạnh công tác kết nạp "
                "đảng viên trong giai đoạn mới.",
                [],
            ),
        },
        "can_bo": {
            "title": "Một số nội dung về công tác cán bộ",
            "kind": "personnel",
            "presenter_organization": "ban_to_chuc",
            "conclusion": (
                "noted",
                "Ban Thường vụ Tỉnh ủy cho ý kiến vào các Tờ trình của Ban Tổ chức Tỉnh ủy về công tác cán bộ.",
                [],
            ),
        },
    },
}

SEED_002 = {
    "key": "seed002",
    "body": "bch",
    "number": 4,
    # "Sáng nay 22.3": a morning sitting; the hour is not stated.
    "starts_at": datetime.datetime(2021, 3, 22, 8, 0),
    "title": "Hội nghị lần thứ 4 Ban Chấp hành Đảng bộ tỉnh khóa XVII",
    "chairs": ["thang", "hieu", "hung"],
    "invitees": [("hien", []), ("thai", [])],
    "present": ["thang", "hieu", "hung", "hien", "thai", "son", "ban", "phuc", "cao_thang", "hoan", "doan", "yen"],
    "status": "closed",
    "items": {
        "kiem_diem": {
            "title": "Báo cáo kết quả kiểm điểm tự phê bình và phê bình năm 2020 của Ban Thường vụ Tỉnh ủy",
            "kind": "report",
            "presenter_person": "son",
            # The Standing Committee's own review sitting heard "33 lượt ý kiến"; those were not given at this
            # conference, so they are context, not opinions. Its secret-ballot rating is recorded here, with the
            # report that carried it. A poll's electorate is the meeting body's (the Executive Committee), but the
            # article says the Standing Committee voted: only its members cast a ballot, and the rating's base,
            # the ballots returned, makes the levels theirs.
            "polls": [
                {
                    "title": "Đánh giá, xếp loại tập thể và các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy năm 2020",
                    "kind": "rating",
                    "method": "secret",
                    # The article does not name the three members rated "hoàn thành xuất sắc nhiệm vụ"; the demo
                    # gives it to the first three in this file's order. Demo scaffolding, not the article's fact.
                    "subjects": [("Tập thể Ban Thường vụ Tỉnh ủy", None, "good")]
                    + [(None, key, "excellent" if n < 3 else "good") for n, key in enumerate(members("btv"))],
                    "voters": members("btv"),
                },
            ],
        },
        "chuyen_doi_so": {
            "title": (
                "Dự thảo Nghị quyết chuyên đề về chuyển đổi số tỉnh Hải Dương giai đoạn 2021-2025, định hướng đến năm "
                "2030"
            ),
            "kind": "draft_resolution",
            "presenter_person": "ban",
            "papers": ["digital_draft"],
            # The five speakers, in the order the article reports them, condensed from what it says.
            "opinions": [
                (
                    "cao_thang",
                    "Các mục tiêu đề ra trong dự thảo Nghị quyết đều phù hợp thực tiễn Hải Dương và có tính khả thi "
                    "cao; nhiều nội dung đã được tỉnh tích cực triển khai và đang tiếp tục nâng cao. Hải Dương đang "
                    "đứng thứ 19 toàn quốc về ứng dụng và phát triển công nghệ thông tin, thứ 18 về xây dựng chính "
                    "quyền điện tử, nên mục tiêu đến năm 2025 đứng thứ 20 về chuyển đổi số là rất khả thi và tỉnh hoàn "
                    "toàn có thể đạt mục tiêu đứng thứ 15 cả nước vào năm 2030.",
                ),
                (
                    "hoan",
                    "Tỷ lệ nộp tờ khai điện tử, nộp thuế điện tử trong tỉnh đã đạt 100%, việc khai, nộp thuế không "
                    "còn tắc nghẽn; chuyển đổi số đang tạo nhiều thuận lợi cho ngành thuế, việc liên thông, kiểm soát "
                    "các khoản thu rất hiệu quả. Tỉnh cần đẩy mạnh ứng dụng công nghệ thông tin vào xây dựng chính "
                    "quyền số. Kiến nghị có giải pháp hiệu quả, phù hợp với nguồn lực như lựa chọn đơn vị lưu trữ dữ "
                    "liệu; đề nghị Bộ Thông tin và Truyền thông mở rộng băng thông, tăng tốc mạng internet; quan tâm "
                    "đầu tư, hỗ trợ các sở, ngành, địa phương thực hiện mục tiêu chuyển đổi số.",
                ),
                (
                    "doan",
                    "Cần thực hiện chuyển đổi số từ cơ sở và theo đề xuất của từng ngành, lĩnh vực để có giải pháp "
                    "hiệu quả, phù hợp. Với mục tiêu xây dựng đô thị thông minh, tỉnh cần chỉ đạo các ngành xây dựng "
                    "tiêu chí lựa chọn nhà đầu tư các khu đô thị, khu dân cư mới; các sở, ngành, địa phương cần phối "
                    "hợp chặt chẽ để bảo đảm công tác rà soát, xây dựng quy hoạch đồng bộ, bảo đảm chất lượng.",
                ),
                (
                    "phuc",
                    "Chuyển đổi số cần có tính kết nối, tương thích, liên thông giữa các ngành, địa phương. Tỉnh cần "
                    "thành lập Ban Chỉ đạo có sự tham gia của các sở, ngành, địa phương để triển khai Nghị quyết đồng "
                    "bộ; sớm xây dựng cơ sở dữ liệu chung; nâng cao hạ tầng đường truyền, lựa chọn doanh nghiệp đủ "
                    "năng lực, có tính cạnh tranh và nhà cung cấp phần mềm có tính tương thích, cập nhật cao; quan tâm "
                    "nâng cấp, bảo trì thiết bị, tránh đầu tư dàn trải, lãng phí. Người đứng đầu các cơ quan, đơn vị, "
                    "địa phương phải gương mẫu, đi đầu trong chuyển đổi số.",
                ),
                (
                    "yen",
                    "Giải pháp quan trọng nhất để chuyển đổi số thành công là đổi mới tư duy, nhận thức của cán bộ, "
                    "đảng viên, người dân. Cần tuyên truyền để người dân ứng dụng tối đa công nghệ vào các dịch vụ "
                    "thiết thực như hạn chế dùng tiền mặt trong thanh toán; bổ sung giải pháp phối hợp đào tạo, nâng "
                    "cao kỹ năng ứng dụng công nghệ thông tin, chuyển đổi số cho công nhân, lao động tại các doanh "
                    "nghiệp.",
                ),
            ],
        },
        "kien_toan": {
            "title": "Quy trình kiện toàn chức danh Chủ tịch HĐND tỉnh nhiệm kỳ 2016-2021",
            "kind": "personnel",
            "conclusion": (
                "approved",
                "Hội nghị đã nhất trí cho đồng chí Nguyễn Mạnh Hiển, nguyên Ủy viên Trung ương Đảng, nguyên Bí thư "
                "Tỉnh ủy, Chủ tịch HĐND tỉnh thôi giữ chức Chủ tịch HĐND tỉnh nhiệm kỳ 2016-2021 để HĐND tỉnh miễn "
                "nhiệm và nghỉ công tác, nghỉ hưu theo quy định.",
                [],
            ),
            # The article says the leaders cast ballots ("bỏ phiếu"); Party rules make nomination ballots secret.
            # "100% Ủy viên Ban Chấp hành Đảng bộ tỉnh dự hội nghị đồng ý": every member was present.
            "polls": [
                {
                    "title": "Giới thiệu nhân sự ứng cử chức danh Chủ tịch HĐND tỉnh nhiệm kỳ 2016-2021",
                    "kind": "candidates",
                    "method": "secret",
                    "subjects": [(None, "thang", "yes")],
                    "voters": members("bch"),
                },
            ],
        },
        "ngan_sach": {
            "title": "Báo cáo quyết toán ngân sách Đảng năm 2020",
            "kind": "report",
        },
    },
}

# Demo scaffolding: the successor's Standing Committee. A sitting three weeks ago, which received the work passed on
# from Hải Dương and issued its notice (the new committee's number 1), and one a week ahead, so that members can read
# papers, give opinions and vote. Nothing in them comes from an article.
RECENT = {
    "key": "recent",
    "body": "btv_tp",
    "number": None,
    "days_ahead": -21,
    "title": "Hội nghị Ban Thường vụ Thành ủy về tiếp nhận nhiệm vụ sau hợp nhất (dữ liệu mẫu)",
    "place": "Phòng họp Ban Thường vụ Thành ủy",
    "chairs": ["a"],
    "invitees": [],
    "present": [],
    "status": "closed",
    "notice": True,
    "items": {
        "tiep_nhan": {
            "title": "Báo cáo việc tiếp nhận các nhiệm vụ chuyển giao từ Tỉnh ủy Hải Dương sau hợp nhất",
            "kind": "report",
            "presenter_organization": "van_phong_tu",
            "conclusion": (
                "noted",
                "Ban Thường vụ Thành ủy ghi nhận báo cáo; các cơ quan, đơn vị tiếp nhận nhiệm vụ từ các cơ quan của "
                "tỉnh Hải Dương (cũ) tiếp tục thực hiện, báo cáo đúng thời hạn. (Dữ liệu mẫu của bản demo.)",
                [
                    (
                        "van_phong_tu",
                        "Theo dõi, đôn đốc các cơ quan thực hiện các nhiệm vụ tiếp nhận từ Tỉnh ủy Hải Dương; tổng "
                        "hợp, báo cáo Ban Thường vụ Thành ủy. (Dữ liệu mẫu của bản demo.)",
                    )
                ],
            ),
        },
    },
}

UPCOMING = {
    "key": "upcoming",
    "body": "btv_tp",
    "number": None,
    "days_ahead": 7,
    "title": "Hội nghị Ban Thường vụ Thành ủy (dữ liệu mẫu)",
    "place": "Phòng họp Ban Thường vụ Thành ủy",
    "chairs": ["a"],
    "invitees": [("h", ["chuyen_doi_so"])],
    "present": [],
    "status": "scheduled",
    "items": {
        "chuyen_doi_so": {
            "title": (
                "Báo cáo kết quả thực hiện Nghị quyết chuyên đề về chuyển đổi số tỉnh Hải Dương giai đoạn 2021-2025, "
                "định hướng đến năm 2030, trên địa bàn tỉnh Hải Dương (cũ)"
            ),
            "kind": "report",
            "presenter_organization": "dang_uy_ubnd",
            "papers": ["digital_targets"],
            # A poll to try: the chair opens it once he has opened the meeting.
            "polls": [
                {
                    "title": "Thông qua Báo cáo kết quả thực hiện Nghị quyết chuyên đề về chuyển đổi số (biểu quyết "
                    "thử của bản demo)",
                    "kind": "question",
                    "method": "secret",
                    "subjects": [],
                    "voters": [],
                },
            ],
        },
        "theo_doi": {
            "title": "Báo cáo tình hình thực hiện các kết luận của Ban Thường vụ Thành ủy",
            "kind": "report",
            "presenter_organization": "van_phong_tu",
        },
        "can_bo": {
            "title": "Một số nội dung về công tác cán bộ",
            "kind": "personnel",
            "presenter_organization": "ban_to_chuc_tu",
            "confidentiality": "secret",
            "papers": ["personnel"],
        },
    },
}

SEED_MEETINGS = [SEED_000, SEED_002, SEED_001]
SUCCESSOR_MEETINGS = [RECENT, UPCOMING]
MEETINGS = SEED_MEETINGS + SUCCESSOR_MEETINGS

# One matter followed across meetings: (later meeting, item) -> (earlier meeting, item).
MATTER_LINKS = [
    (("seed002", "chuyen_doi_so"), ("seed000", "chuyen_doi_so")),
    (("upcoming", "chuyen_doi_so"), ("seed002", "chuyen_doi_so")),
]

# The follow-up of the seed meetings' directives: demo scaffolding. The articles give no deadline and say
# nothing of what followed; the deadlines, the units' reports and the office's decisions below are invented to
# show each state a directive goes through. Before the merge they are dated (2021-2024): some directives were done
# then and stay with their 2021 units. The open ones passed to the successor on MERGE_DAY, some with a new deadline;
# what the successor's units and office did since is dated in days from the day the demo is loaded (negative: that
# many days ago), so that the living office's follow-up is current whenever it is loaded (follow_up.plan). Every
# text a unit or the office writes here ends with FOLLOW_UP_NOTE.
FOLLOW_UP_NOTE = "(Dữ liệu mẫu của bản demo.)"
# Demo logins get an address here: the reserved .invalid domain, so that no mail can leave (the demo prints
# its e-mails on the console anyway).
EMAIL_DOMAIN = "demo.invalid"

# (meeting key, item key, n-th directive of the item's conclusion): dict(deadline, events, and for the directives
# passed on at the merge: new_deadline, the one set in the same step, in days from today). The events, in order,
# each on a day (a date, or days from today after the transfer):
#   ("report", day, percent or None, text)      the lead unit reports progress
#   ("done", day, text)                         the lead unit reports the work done
#   ("confirm", day)                            the office confirms it done
#   ("return", day, reason)                     the office returns it to the unit
#   ("extension", day, new deadline, reason, day granted)
# The units report at the end of the working day, the office decides in the morning.
FOLLOW_UP = {
    # Still open at the merge: the review of the cluster was not finished. Passed on with a new deadline, which the
    # city's government has let pass.
    ("seed000", "hong_duc", 0): {
        "new_deadline": -40,
        "deadline": datetime.date(2021, 4, 30),
        "events": [
            (
                "report",
                datetime.date(2021, 3, 26),
                30,
                "UBND tỉnh đã giao Sở Công Thương chủ trì, phối hợp với Sở Kế hoạch và Đầu tư, Sở Tài nguyên và Môi "
                "trường và UBND huyện Ninh Giang rà soát hồ sơ đề nghị thành lập Cụm công nghiệp Hồng Đức; đoàn liên "
                "ngành đã kiểm tra thực địa ngày 22/3/2021.",
            ),
            (
                "report",
                datetime.date(2021, 5, 25),
                60,
                "Sở Công Thương đã có báo cáo rà soát. Còn vướng mắc về diện tích đất trồng lúa phải chuyển mục đích "
                "và phương án kết nối giao thông của cụm công nghiệp; UBND tỉnh đang chỉ đạo các sở làm rõ, dự kiến "
                "báo cáo Ban Thường vụ Tỉnh ủy trong quý III/2021.",
            ),
            (
                "report",
                datetime.date(2024, 9, 20),
                70,
                "UBND tỉnh đã trình điều chỉnh phương án phát triển cụm công nghiệp trong Quy hoạch tỉnh; Cụm công "
                "nghiệp Hồng Đức chờ ý kiến của Bộ Công Thương về diện tích.",
            ),
            (
                "report",
                -75,
                75,
                "UBND thành phố đã giao Sở Công Thương thành phố rà soát hồ sơ Cụm công nghiệp Hồng Đức theo Quy "
                "hoạch thành phố Hải Phòng sau hợp nhất; đang lấy ý kiến UBND xã sở tại.",
            ),
        ],
    },
    # Reported done, then returned by the office for a missing appraisal; passed on, reported done again to the new
    # office, which returned it again.
    ("seed000", "phu_quy", 0): {
        "new_deadline": 10,
        "deadline": datetime.date(2021, 4, 15),
        "events": [
            (
                "done",
                datetime.date(2021, 4, 8),
                "UBND tỉnh đã chỉ đạo Sở Tài nguyên và Môi trường rà soát giá đất cụ thể và phương án thu tiền sử "
                "dụng đất, tiền thuê đất Dự án Khu đô thị Phú Quý (Goldenland) giai đoạn 1; đã có báo cáo đề xuất "
                "gửi Văn phòng Tỉnh ủy.",
            ),
            (
                "return",
                datetime.date(2021, 4, 13),
                "Báo cáo chưa kèm ý kiến thẩm định của Hội đồng thẩm định giá đất tỉnh và chưa nêu rõ căn cứ xác "
                "định giá đất; đề nghị UBND tỉnh bổ sung, hoàn thiện.",
            ),
            (
                "report",
                datetime.date(2022, 3, 10),
                50,
                "Hội đồng thẩm định giá đất tỉnh đang thẩm định lại phương án giá đất cụ thể của Dự án.",
            ),
            (
                "done",
                -20,
                "UBND thành phố đã hoàn thiện hồ sơ giá đất cụ thể Dự án Khu đô thị Phú Quý giai đoạn 1 và gửi Văn "
                "phòng Thành ủy.",
            ),
            (
                "return",
                -14,
                "Hồ sơ chưa kèm Quyết định phê duyệt giá đất của UBND thành phố; đề nghị bổ sung trước thời hạn.",
            ),
        ],
    },
    # Done on time.
    ("seed000", "vaccine", 0): {
        "deadline": datetime.date(2021, 3, 31),
        "events": [
            (
                "report",
                datetime.date(2021, 3, 15),
                50,
                "Ban Chỉ đạo đã ban hành kế hoạch tiêm vaccine phòng Covid-19 đợt 1, xác định thứ tự ưu tiên theo "
                "các nhóm đối tượng của Nghị quyết của Chính phủ và hướng dẫn của Bộ Y tế; các địa phương có nguy cơ "
                "lây nhiễm cao đang lập danh sách.",
            ),
            (
                "done",
                datetime.date(2021, 3, 26),
                "Đã hoàn thành tiêm đợt 1 cho lực lượng tuyến đầu chống dịch và người có nguy cơ cao tại Chí Linh, "
                "thành phố Hải Dương, Cẩm Giàng, Kim Thành, Kinh Môn và Nam Sách, đúng đối tượng ưu tiên; danh sách "
                "được niêm yết công khai tại cơ sở.",
            ),
            ("confirm", datetime.date(2021, 3, 29)),
        ],
    },
    ("seed000", "vaccine", 1): {
        "deadline": datetime.date(2021, 4, 15),
        "events": [
            (
                "done",
                datetime.date(2021, 4, 2),
                "Đã phối hợp với ban chỉ đạo các huyện, thị xã, thành phố rà soát, loại trùng danh sách tiêm đợt 1; "
                "tập huấn cho cán bộ y tế làm công tác tiêm chủng; tiêm điểm tại Trung tâm Y tế thành phố Hải Dương "
                "để rút kinh nghiệm trước khi triển khai diện rộng; mỗi điểm tiêm đều có phương án xử trí phản ứng "
                "sau tiêm.",
            ),
            ("confirm", datetime.date(2021, 4, 6)),
        ],
    },
    # Done, but after the deadline.
    ("seed000", "phong_thu", 0): {
        "deadline": datetime.date(2021, 4, 30),
        "events": [
            (
                "report",
                datetime.date(2021, 4, 20),
                70,
                "Bộ Chỉ huy Quân sự tỉnh đã bổ sung căn cứ Nghị quyết Đại hội lần thứ XIII của Đảng và Nghị quyết "
                "Đại hội Đảng bộ tỉnh lần thứ XVII vào dự thảo Kế hoạch; đang lấy ý kiến Công an tỉnh, Sở Kế hoạch "
                "và Đầu tư về các khu, cụm công nghiệp và khu đô thị mới liên quan đến khu vực phòng thủ.",
            ),
            (
                "done",
                datetime.date(2021, 5, 14),
                "Đã hoàn chỉnh Kế hoạch tiếp tục thực hiện Đề án xây dựng khu vực phòng thủ tỉnh giai đoạn 2021 - "
                "2025 theo ý kiến chỉ đạo, gửi Văn phòng Tỉnh ủy. Chậm so với thời hạn do phải chờ ý kiến thống "
                "nhất của các cơ quan liên quan.",
            ),
            ("confirm", datetime.date(2021, 5, 18)),
        ],
    },
    # An extension granted in 2021, a plan issued, its work going on at the merge: passed on with a new deadline a few
    # weeks ahead, the city's government reporting on the former province.
    ("seed000", "chuyen_doi_so", 0): {
        "new_deadline": 24,
        "deadline": datetime.date(2021, 6, 30),
        "events": [
            (
                "report",
                datetime.date(2021, 4, 19),
                30,
                "UBND tỉnh đã giao Sở Thông tin và Truyền thông chủ trì xây dựng Kế hoạch triển khai Nghị quyết "
                "chuyên đề về chuyển đổi số; dự thảo Kế hoạch đang lấy ý kiến các sở, ngành, địa phương.",
            ),
            (
                "extension",
                datetime.date(2021, 6, 21),
                datetime.date(2021, 10, 29),
                "Cần chờ hướng dẫn của Bộ Thông tin và Truyền thông về bộ chỉ số đánh giá chuyển đổi số cấp tỉnh để "
                "thống nhất các chỉ tiêu của Kế hoạch.",
                datetime.date(2021, 6, 24),
            ),
            (
                "report",
                datetime.date(2021, 8, 16),
                70,
                "Đã hoàn thiện dự thảo Kế hoạch, bổ sung các chỉ tiêu về năng suất lao động và doanh nghiệp công "
                "nghệ số theo yêu cầu của Ban Thường vụ Tỉnh ủy; đang xin ý kiến Ban cán sự đảng UBND tỉnh.",
            ),
            (
                "report",
                datetime.date(2023, 6, 15),
                80,
                "UBND tỉnh đã ban hành Kế hoạch triển khai Nghị quyết; các sở, ngành, địa phương đang thực hiện các "
                "chỉ tiêu đến năm 2025.",
            ),
            (
                "report",
                -30,
                90,
                "Sở Khoa học và Công nghệ thành phố đã tiếp nhận hồ sơ từ Sở Thông tin và Truyền thông tỉnh Hải Dương "
                "(cũ); đang tổng hợp kết quả giai đoạn 2021-2025 trên địa bàn tỉnh Hải Dương (cũ).",
            ),
        ],
    },
    # Still being updated at the merge; passed on with a new deadline, reported done to the new office since, awaiting
    # its decision.
    ("seed001", "kinh_te", 0): {
        "new_deadline": 14,
        "deadline": datetime.date(2021, 9, 30),
        "events": [
            (
                "report",
                datetime.date(2021, 9, 20),
                60,
                "Ban cán sự đảng đã chỉ đạo UBND tỉnh tổng hợp, tiếp thu ý kiến của Ban Thường vụ Tỉnh ủy; đang bổ "
                "sung phần phân tích, dự báo bối cảnh phát triển của tỉnh trong 10 năm tới và các đột phá chiến lược.",
            ),
            (
                "report",
                datetime.date(2022, 11, 15),
                80,
                "Chương trình đang được cập nhật theo Quy hoạch tỉnh thời kỳ 2021 - 2030, tầm nhìn đến năm 2050 đã "
                "được phê duyệt.",
            ),
            (
                "done",
                -3,
                "Đảng ủy UBND thành phố đã hoàn thiện báo cáo kết quả thực hiện Chương trình trên địa bàn tỉnh Hải "
                "Dương (cũ), gửi Văn phòng Thành ủy để báo cáo Ban Thường vụ Thành ủy.",
            ),
        ],
    },
    # Done on time.
    ("seed001", "su_dung_dat", 0): {
        "deadline": datetime.date(2021, 10, 15),
        "events": [
            (
                "done",
                datetime.date(2021, 10, 7),
                "Đã chỉ đạo Sở Tài nguyên và Môi trường hoàn thành báo cáo gửi Bộ Tài nguyên và Môi trường đăng ký "
                "chỉ tiêu sử dụng đất lúa đến năm 2025 và năm 2030, phân bổ theo các vùng phát triển của tỉnh.",
            ),
            ("confirm", datetime.date(2021, 10, 11)),
        ],
    },
    # The successor's own: given at its recent sitting, due in three weeks.
    ("recent", "tiep_nhan", 0): {"deadline": 21, "events": []},
}
