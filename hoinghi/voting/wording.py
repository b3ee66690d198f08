"""The Vietnamese wording of poll results in the meeting's documents. Pure functions, no Django.

Like records/wording.py, this is the text of the documents (domain content), not the
interface, so it is written in Vietnamese. Numbers follow Vietnamese use: a decimal comma, a dot
between thousands.
"""

from hoinghi.core.text import lower_first, trim

from .rules import DECIDING_OPTION, OPTIONS, Finding, Kind, Method

OPTION_LABELS = {
    "yes": "Đồng ý",
    "no": "Không đồng ý",
    "abstain": "Không biểu quyết",
    "chosen": "Bầu",
    "not_chosen": "Không bầu",
    "excellent": "Hoàn thành xuất sắc nhiệm vụ",
    "good": "Hoàn thành tốt nhiệm vụ",
    "completed": "Hoàn thành nhiệm vụ",
    "not_completed": "Không hoàn thành nhiệm vụ",
    "high": "Tín nhiệm cao",
    "medium": "Tín nhiệm",
    "low": "Tín nhiệm thấp",
}

OUTCOMES = {True: "Thông qua", False: "Không thông qua"}

BASE_NAMES = {
    "convened": "tổng số thành viên được triệu tập",
    "present": "số thành viên có mặt",
    "returned": "số phiếu thu về",
    "valid": "số phiếu hợp lệ",
}

METHOD_NAMES = {
    Method.OPEN: "biểu quyết công khai",
    Method.SECRET: "bỏ phiếu kín",
    Method.PAPER: "bỏ phiếu kín bằng phiếu giấy",
}

# What is counted: ballots, or the members who raised their hand in an open vote.
UNITS = {Method.OPEN: "thành viên", Method.SECRET: "phiếu", Method.PAPER: "phiếu"}

SHARE_NAMES = {(1, 2): "một nửa", (2, 3): "hai phần ba", (3, 4): "ba phần tư", (1, 3): "một phần ba"}

LEVEL_KINDS = (Kind.RATING, Kind.CONFIDENCE)

# What a confidence vote finds (tally.confidence_finding), and the rule it applies, stated in the documents.
FINDINGS = {
    Finding.LOW_TWO_THIRDS: "Có từ hai phần ba số phiếu trở lên đánh giá tín nhiệm thấp",
    Finding.LOW_MAJORITY: "Có trên một nửa đến dưới hai phần ba số phiếu đánh giá tín nhiệm thấp",
    Finding.NOT_LOW: "Không quá một nửa số phiếu đánh giá tín nhiệm thấp",
    Finding.NONE: "Không có phiếu thu về",
}
CONFIDENCE_RULE = (
    "theo Quy định số 96-QĐ/TW, tỷ lệ mỗi mức tín nhiệm tính trên số phiếu thu về; các ngưỡng được xem xét là "
    "trên một nửa số phiếu đánh giá tín nhiệm thấp và từ hai phần ba số phiếu trở lên đánh giá tín nhiệm thấp"
)


def number(n: int) -> str:
    """1234 → "1.234"."""
    return f"{n:,}".replace(",", ".")


def percent(value: float) -> str:
    """90.0 → "90,00%"."""
    whole, decimals = f"{value:.2f}".split(".")
    return f"{number(int(whole))},{decimals}%"


def option_label(option: str) -> str:
    return OPTION_LABELS[option]


def rule_phrase(share: list[int], strict: bool, base: str) -> str:
    """[1, 2], strict, "convened" → "quá một nửa tổng số thành viên được triệu tập"."""
    numerator, denominator = share
    fraction = SHARE_NAMES.get((numerator, denominator), f"{numerator}/{denominator}")
    return f"{'quá' if strict else 'ít nhất'} {fraction} {BASE_NAMES[base]}"


def level_rule_phrase(share: list[int], strict: bool, base: str) -> str:
    """How a rating or confidence level is reached (see tally.level_reached)."""
    return (
        "mỗi đối tượng đạt mức cao nhất mà số phiếu ở mức đó cộng với số phiếu ở các mức cao hơn chiếm "
        + rule_phrase(share, strict, base)
    )


def level_phrase(level: str | None) -> str:
    if level is None:
        return "không có mức nào đạt tỷ lệ quy định"
    return f"đạt mức {lower_first(option_label(level))}"


def subject_outcome(entry: dict) -> str:
    """ "thông qua", "không thông qua", a rating's level reached, or a confidence vote's finding."""
    if "finding" in entry:
        return lower_first(FINDINGS[entry["finding"]])
    if "level" in entry:
        return level_phrase(entry["level"])
    return lower_first(OUTCOMES[bool(entry["passed"])])


def outcome_label(entry: dict) -> str:
    """The outcome as a table shows it: "Thông qua", the level reached, or the finding."""
    if "finding" in entry:
        return FINDINGS[entry["finding"]]
    if "level" not in entry:
        return OUTCOMES[bool(entry["passed"])]
    return option_label(entry["level"]) if entry["level"] else "Không có mức nào đạt tỷ lệ quy định"


def subject_name(label: str, is_person: bool) -> str:
    return f"Đồng chí {label}" if is_person else label


def options(kind: str) -> list[str]:
    """The kind's options in their order: a result read back from PostgreSQL's jsonb has its keys sorted
    otherwise, so no caller should follow the order of a result's counts."""
    return OPTIONS[kind]


def _shown_options(kind: str, counts: dict) -> list[str]:
    """The deciding option always, then the options that got votes (a list of zeros says nothing)."""
    deciding = DECIDING_OPTION.get(kind) if kind not in LEVEL_KINDS else None
    voted = [option for option in options(kind) if counts.get(option)]
    if deciding:
        return [deciding] + [option for option in voted if option != deciding]
    return voted or options(kind)[:1]


def subject_sentence(name: str, entry: dict, result: dict, method: str) -> str:
    """ "Đồng chí X: 45/50 phiếu đồng ý (90,00% tổng số thành viên được triệu tập), 5 phiếu không đồng ý (10,00%)
    — thông qua." """
    unit = UNITS[method]
    parts = []
    for position, option in enumerate(_shown_options(result["kind"], entry["counts"])):
        count, share = number(entry["counts"][option]), percent(entry["percent"][option])
        label = lower_first(option_label(option))
        if position == 0:
            base = number(result["base_count"])
            parts.append(f"{count}/{base} {unit} {label} ({share} {BASE_NAMES[result['base']]})")
        else:
            parts.append(f"{count} {unit} {label} ({share})")
    return f"{name}: {', '.join(parts)} — {subject_outcome(entry)}."


def figures_sentence(result: dict, method: str) -> str:
    sentence = f"Tổng số thành viên được triệu tập {number(result['convened'])}, có mặt {number(result['present'])}"
    if method == Method.OPEN:
        return f"{sentence}; số thành viên biểu quyết {number(result['returned'])}."
    return f"{sentence}; số phiếu thu về {number(result['returned'])}, hợp lệ {number(result['valid'])}."


def heading(method: str, title: str) -> str:
    """ "Kết quả bỏ phiếu kín giới thiệu nhân sự ứng cử ...:" """
    return f"Kết quả {METHOD_NAMES[method]} {lower_first(trim(title).rstrip('?'))}:"


def summary_lines(method: str, title: str, result: dict, names: dict[str, str]) -> list[str]:
    """The heading, the figures, then one sentence per subject; `names` maps subject ids to their names.

    A question poll has a single subject, the question itself, already in the heading.
    """
    single_question = result["kind"] == Kind.QUESTION and len(result["subjects"]) == 1
    lines = [heading(method, title), figures_sentence(result, method)]
    for entry in result["subjects"]:
        name = "Kết quả" if single_question else names[entry["id"]]
        lines.append(subject_sentence(name, entry, result, method))
    return lines
