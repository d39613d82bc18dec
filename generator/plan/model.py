"""The plan schema: the contract between a clerk's YAML file and the templates.

Every field carries a Vietnamese description: it is what `thidua schema` exports for
editor autocompletion and what the README documents.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
import unicodedata
from enum import Enum
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    WithJsonSchema,
    model_validator,
)

from generator.core.families import DEFAULT, FAMILIES, FamilyKey
from generator.core.nd30 import DOCUMENT_KINDS
from generator.plan import schema_parts as parts

# Day-first dates as clerks write them ("31/12/2024"); ISO dates (2024-12-31) are accepted too.
# The editor's schema (schema_parts) accepts exactly these two shapes.
_VN_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")


def _parse_date(value):
    if isinstance(value, str):
        if match := _VN_DATE.match(value):
            day, month, year = (int(g) for g in match.groups())
        elif iso := _ISO_DATE.match(value):
            year, month, day = (int(g) for g in iso.groups())
        else:
            raise ValueError(f"ngày không hợp lệ: {value.strip()[:40]!r}; hãy viết dạng 31/12/2024")
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise ValueError(f"ngày không tồn tại: {value.strip()}") from None
    return value


Date = Annotated[dt.date, BeforeValidator(_parse_date), WithJsonSchema(parts.DATE)]


def _parse_date_or_year(value):
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and re.fullmatch(r"\s*\d{3,4}\s*", value):
        return int(value)
    if isinstance(value, (str, dt.date)):
        return _parse_date(value)
    raise ValueError("cần một ngày (03/02/1930) hoặc một năm (1954)")


DateOrYear = Annotated[dt.date | int, BeforeValidator(_parse_date_or_year), WithJsonSchema(parts.DATE_OR_YEAR)]


def _date_to_parts(value):
    """A full date and a partially blank one share one type: PartialDate."""
    value = _parse_date(value)
    if isinstance(value, dt.date):
        return {"day": value.day, "month": value.month, "year": value.year}
    return value


def _family(value):
    """`family: Đảng` reads as "đảng"."""
    return unicodedata.normalize("NFC", value).strip().lower() if isinstance(value, str) else value


def _text_to_mapping(value):
    """Let a list item be a bare string where a mapping with `text` is expected."""
    return {"text": value} if isinstance(value, str) else value


def _text_to_mapping_label(value):
    """Let a target be a bare string: a target that is only words."""
    return {"label": value} if isinstance(value, str) else value


def _filled(value: str) -> str:
    if not value.strip():
        raise ValueError("để trống: ghi nội dung vào, hoặc xóa cả dòng nếu không dùng trường này")
    return value


# An identity field (issuer, signer, recipient): empty is not "the default", which would print another body.
Filled = Annotated[str, AfterValidator(_filled), WithJsonSchema({"type": "string", "minLength": 1})]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


# --------------------------------------------------------------------------- kinds

DocumentKindName = Literal["KẾ HOẠCH", "PHÁT ĐỘNG", "THÔNG BÁO", "CHƯƠNG TRÌNH", "HƯỚNG DẪN", "BÁO CÁO",
                           "QUYẾT ĐỊNH", "CHỈ THỊ", "PHƯƠNG ÁN", "ĐỀ ÁN", "BẢN ĐĂNG KÝ"]
assert set(typing.get_args(DocumentKindName)) == set(DOCUMENT_KINDS)
DocumentKind = Annotated[DocumentKindName, BeforeValidator(lambda v: v.strip().upper() if isinstance(v, str) else v),
                         WithJsonSchema(parts.any_case(typing.get_args(DocumentKindName), "tên loại văn bản"))]


class Level(str, Enum):
    """Administrative level of the issuing UBND."""

    province = "tỉnh"
    city = "thành phố"
    commune = "xã"
    ward = "phường"
    special_zone = "đặc khu"
    # Abolished on 01/7/2025; kept for older documents.
    district = "huyện"
    township = "thị trấn"
    urban_district = "quận"
    town = "thị xã"


PRE_2025_LEVELS = {Level.district, Level.township, Level.urban_district, Level.town}


class Issuer(Strict):
    level: Annotated[Level, BeforeValidator(lambda v: " ".join(v.split()).lower() if isinstance(v, str) else v),
                     WithJsonSchema(parts.any_case(tuple(lv.value for lv in Level), "cấp hành chính"))] = Field(description="Cấp hành chính của địa bàn: tỉnh, thành phố, xã, phường, đặc khu (huyện, thị trấn, quận, thị xã chỉ dùng cho văn bản trước 01/7/2025)")
    name: Filled = Field(description="Tên riêng của địa bàn, không kèm từ chỉ cấp, ví dụ: Lâm Thao, Tân Lập")
    body: Filled | None = Field(None, description="Tên cơ quan ban hành, ghép với cấp và tên địa bàn: Ủy ban nhân dân (mặc định với họ nhà nước), Đảng ủy, Ban Chấp hành Đoàn, Ủy ban Mặt trận Tổ quốc Việt Nam, …")
    parent: Filled | None = Field(None, description="Dòng cơ quan, tổ chức cấp trên trực tiếp (không in đậm), ví dụ: Ủy ban nhân dân tỉnh Quảng Ninh, Đảng bộ Thành phố Hồ Chí Minh")
    unit: Filled | None = Field(None, description="Tên đầy đủ của cơ quan ban hành khi không ghép với địa bàn (Sở, Hội đồng, trường, Liên đội…), ví dụ: Sở Nội vụ, Hội đồng Thi đua - Khen thưởng")
    place: Filled | None = Field(None, description="Địa danh ở dòng ngày tháng; mặc định là tên riêng của địa bàn; đơn vị mang tên người, số hoặc sự kiện ghi cả từ chỉ cấp, ví dụ: Phường Điện Biên Phủ")
    symbol: Filled | None = Field(None, description="Chữ viết tắt tên cơ quan trong ký hiệu văn bản: UBND (mặc định của Ủy ban nhân dân), SNV, HĐTĐKT, ĐU, ĐTN, LĐ, UBMTTQ, …")


class PartialDate(Strict):
    day: Whole | None = Field(None, ge=1, le=31, description="Ngày (để trống cho văn thư điền khi ký)")
    month: Whole | None = Field(None, ge=1, le=12, description="Tháng (để trống nếu chưa biết)")
    year: Whole | None = Field(None, ge=1945, le=2100, description="Năm; mặc định là năm của kế hoạch")

    @model_validator(mode="after")
    def _exists(self):
        if self.day and self.month and self.year:
            try:
                dt.date(self.year, self.month, self.day)
            except ValueError:
                raise ValueError(f"ngày không tồn tại: {self.day}/{self.month}/{self.year}") from None
        return self


class Theme(Strict):
    text: str = Field(description="Chủ đề thi đua (không cần dấu ngoặc kép)")
    emphasis: Literal["italic", "bold", "none"] = Field("italic", description="Cách nhấn mạnh chủ đề: italic (nghiêng), bold (đậm), none (thường)")
    after: str = Field("", description="Phần chữ đứng sau chủ đề trong cùng đoạn, ví dụ: ' với những nội dung và biện pháp cụ thể như sau:'")


class Item(Strict):
    """A bullet: '-' at the first level, '+' below it."""

    text: str = Field(description="Nội dung gạch đầu dòng")
    items: list[Annotated[Item, BeforeValidator(_text_to_mapping)]] = Field(default_factory=list, description="Các ý con (dấu +)")


Items = list[Annotated[Item, BeforeValidator(_text_to_mapping)]]

def _whole(value):
    """A whole number written with digits only: "1.000" or "2026.0" is not a year or a number."""
    if isinstance(value, str):
        if not re.fullmatch(r"\s*\d{1,9}\s*", value):
            raise ValueError(f"cần một số nguyên viết bằng chữ số, không phải {value.strip()[:40]!r}")
        return int(value)
    if isinstance(value, (float, bool)):
        raise ValueError("cần một số nguyên")
    return value


Whole = Annotated[int, BeforeValidator(_whole), WithJsonSchema(parts.WHOLE)]


def _figure(value):
    from generator.core.formatting import read_number  # formatting imports nothing of the model

    return read_number(value)


# A figure as written ("2.900", "72,89", "02"); read the Vietnamese way, never through a float.
Number = Annotated[str, BeforeValidator(_figure), WithJsonSchema(parts.FIGURE)]


class Target(Strict):
    id: str | None = Field(None, description="Mã ổn định của chỉ tiêu (để so sánh giữa các phiên bản, kế thừa)")
    label: str = Field(description="Tên chỉ tiêu, ví dụ: Tổng vốn đầu tư toàn xã hội")
    value: Number | None = Field(None, description="Giá trị; viết như trong văn bản, đặt trong ngoặc kép: '2.900', '72,89', '02'")
    value_to: Number | None = Field(None, description="Cận trên nếu chỉ tiêu là một khoảng (12 - 15)")
    range_word: str = Field("-", description="Từ nối khoảng giá trị: '-' hoặc 'đến'")
    unit: str = Field("", description="Đơn vị: tỷ đồng, %, tập thể, …")
    compare: str = Field("…", description="Cách diễn đạt, dấu … là chỗ đặt giá trị: 'đạt từ … trở lên', 'trên …', 'tăng … so với dự toán'")
    label_after: StrictBool = Field(False, description="Đặt giá trị trước tên chỉ tiêu (ví dụ: 180 cá nhân đạt danh hiệu …)")
    note: str = Field("", description="Phần chữ thêm sau giá trị, ví dụ: '; trong đó, đào tạo có bằng cấp: 28,62%'")
    number: str | None = Field(None, description="Số thứ tự ghi rõ, ví dụ: (10)")
    items: list[Annotated[Target, BeforeValidator(_text_to_mapping_label)]] = Field(default_factory=list, description="Chỉ tiêu con (dấu +)")

    @model_validator(mode="after")
    def _value_has_a_place(self):
        # a figure must never vanish from the sentence silently
        if self.value is not None and "…" not in self.compare:
            raise ValueError(f"compare '{self.compare}' thiếu dấu … (chỗ đặt giá trị), nên giá trị {self.value} "
                             "sẽ không được in; ví dụ: 'đạt từ … trở lên'")
        if self.value_to is not None and self.value is None:
            raise ValueError("có value_to (cận trên) nhưng thiếu value (cận dưới)")
        return self


Target.model_rebuild()

TARGET_GROUPS = ("kinh tế", "văn hóa", "xã hội", "môi trường", "quốc phòng - an ninh", "thi đua, khen thưởng", "khác")


class TargetGroup(Strict):
    id: str | None = Field(None, description="Mã ổn định của nhóm chỉ tiêu")
    group: Literal[TARGET_GROUPS] = Field(description="Lĩnh vực: " + ", ".join(TARGET_GROUPS))  # type: ignore[valid-type]
    title: str | None = Field(None, description="Tiêu đề nhóm; mặc định 'Về <lĩnh vực>'")
    heading: bool = Field(True, description="In tiêu đề nhóm (mục con được đánh số); false: các chỉ tiêu in ngay dưới mục chứa nhóm, như 'II. CHỈ TIÊU' rồi các gạch đầu dòng")
    items: list[Annotated[Target, BeforeValidator(_text_to_mapping_label)]] = Field(description="Các chỉ tiêu")
    item_end: Literal[";", "."] = Field(";", description="Dấu cuối mỗi chỉ tiêu của nhóm: ';' (mặc định, chỉ tiêu cuối "
                                         "'.') hoặc '.' (mỗi chỉ tiêu là một câu, như khi văn bản gõ như vậy)")


class Occasion(Strict):
    event: str | None = Field(None, description="Mã sự kiện trong lịch kỷ niệm (xem `thidua events`) hoặc trong events của kế hoạch, ví dụ: thanh-lap-dang")
    name: str | None = Field(None, description="Tên sự kiện như in trong văn bản; mặc định lấy theo lịch kỷ niệm")
    since: DateOrYear | None = Field(None, description="Ngày gốc của sự kiện (03/02/1930) hoặc chỉ năm (1954); mặc định lấy theo lịch kỷ niệm")
    before: str | None = Field(None, description="Chữ nối trước sự kiện thay cho '; ', ví dụ: ' và '")
    after: str = Field("", description="Chữ thêm sau sự kiện, ví dụ: ', gắn với hoạt động mừng Xuân Giáp Thìn 2024'")

    @model_validator(mode="after")
    def _known(self):
        if not self.event and not (self.name and self.since):
            raise ValueError("ngày kỷ niệm cần event (mã sự kiện) hoặc cả name và since")
        return self


class LocalEvent(Strict):
    key: str = Field(description="Mã sự kiện, dùng trong occasions (event: …) và biểu thức anniversary('…')")
    name: str = Field(description="Tên sự kiện như in trong văn bản, ví dụ: Ngày tái lập huyện Lâm Thao")
    since: DateOrYear = Field(description="Ngày gốc (01/9/1999) hoặc chỉ năm (1954)")


class Round(Strict):
    id: str | None = Field(None, description="Mã ổn định của đợt thi đua")
    name: str = Field(description="Tên đợt, ví dụ: Đợt thi đua thứ nhất")
    start: Date = Field(description="Ngày bắt đầu (dd/mm/yyyy)")
    end: Date = Field(description="Ngày kết thúc (dd/mm/yyyy)")
    period: str | None = Field(None, description="Cách ghi thời gian nếu khác mặc định 'từ ngày … đến ngày …', ví dụ: 'từ tháng 01/2024 đến 30/6/2024'")
    emphasis: Literal["none", "italic", "bold"] = Field("none", description="Nhấn mạnh dòng tên đợt và thời gian: none, italic (nghiêng), bold (đậm)")
    heading: Literal["none", "brackets", "colon"] = Field("none", description="Tên đợt và thời gian là một đề mục riêng, các ngày kỷ niệm ở đoạn sau: none (cùng một đoạn, mặc định), brackets ('Đợt 1 (từ ngày … đến ngày …)'), colon ('Đợt 1: từ ngày … đến ngày …')")
    form: Literal["brackets", "colon"] = Field("brackets", description="Cách viết tên đợt và thời gian khi cùng một đoạn với các ngày kỷ niệm: brackets ('Đợt 1 (từ ngày … đến ngày …): …', mặc định), colon ('Đợt 1: từ ngày … đến ngày …, …')")
    capital: bool = Field(False, description="Viết hoa chữ đầu của thời gian sau dấu hai chấm: 'Đợt 1: Từ ngày …' (mặc định: chữ thường)")
    intro: str = Field("", description="Phần mở đầu trước danh sách ngày kỷ niệm")
    occasions: list[Occasion] = Field(default_factory=list, description="Các ngày kỷ niệm trong đợt")
    outro: str = Field(".", description="Phần chữ nối sau danh sách ngày kỷ niệm (mặc định dấu chấm)")
    paragraphs: list[str] = Field(default_factory=list, description="Các đoạn văn tiếp theo")
    items: Items = Field(default_factory=list, description="Các gạch đầu dòng tiếp theo")

    @model_validator(mode="after")
    def _ordered(self):
        if self.end < self.start:
            raise ValueError(
                f"đợt thi đua kết thúc ({self.end:%d/%m/%Y}) trước khi bắt đầu ({self.start:%d/%m/%Y})"
            )
        return self


NUMBERING_STYLES = ("I.", "1.", "1.1.", "a)", "-", "+")
# An editor reads an unquoted `1.` as the number 1; thidua reads the text "1.": both mean the style "1.".
NumberingStyle = Annotated[Literal[NUMBERING_STYLES],  # type: ignore[valid-type]
                           WithJsonSchema({"enum": [*NUMBERING_STYLES, 1],
                                           "errorMessage": "kiểu đánh số: " + ", ".join(NUMBERING_STYLES)})]


# The tables a section can print, and the columns each may have (the first list is the default).
TABLE_COLUMNS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "targets": (("stt", "label", "unit", "value", "note"), ("stt", "label", "unit", "value", "note")),
    "results": (("stt", "label", "unit", "value", "result", "rate", "verdict"),
                ("stt", "label", "unit", "base", "value", "result", "rate", "verdict", "note")),
    "units": (("stt", "label", "unit", "value", "result", "rate", "verdict"),
              ("stt", "label", "unit", "base", "value", "result", "rate", "verdict", "note")),
    "rounds": (("stt", "name", "period", "occasions"), ("stt", "name", "period", "occasions")),
    "titles": (("stt", "title", "count", "note"), ("stt", "title", "count", "note")),
    "fixed": ((), ()),  # the cells are written in the plan: header and rows
}
TableKind = Literal["targets", "results", "units", "rounds", "titles", "fixed"]
assert set(typing.get_args(TableKind)) == set(TABLE_COLUMNS)
ColumnKey = Literal["stt", "label", "unit", "base", "value", "result", "rate", "verdict", "note", "name", "period",
                    "occasions", "title", "count"]


class Section(Strict):
    id: str | None = Field(None, description="Mã ổn định của mục (để so sánh, kế thừa)")
    title: str | None = Field(None, description="Tiêu đề mục (dòng riêng, in đậm); cấp I tự in hoa")
    text: str | None = Field(None, description="Đoạn văn viết liền sau số thứ tự khi mục không có tiêu đề")
    paragraphs: list[str] = Field(default_factory=list, description="Các đoạn văn của mục")
    items: Items = Field(default_factory=list, description="Các gạch đầu dòng (-, +)")
    targets: StrictBool = Field(False, description="Chèn các nhóm chỉ tiêu (targets) làm mục con tại đây")
    rounds: StrictBool = Field(False, description="Chèn các đợt thi đua (rounds) làm mục con tại đây")
    table: TableKind | None = Field(None, description="In một bảng tại đây: targets (các chỉ tiêu: STT, Chỉ tiêu, Đơn vị tính, Kế hoạch, Ghi chú), results (báo cáo: Kế hoạch, Thực hiện, Tỷ lệ, Đánh giá từng chỉ tiêu), units (báo cáo của tỉnh: kết quả từng đơn vị), rounds (các phong trào, đợt thi đua và thời gian), titles (đăng ký danh hiệu thi đua), fixed (bảng ghi sẵn: header và rows)")
    header: list[str] = Field(default_factory=list, description="Bảng ghi sẵn (table: fixed): các ô của dòng tiêu đề")
    rows: list[list[str]] = Field(default_factory=list, description="Bảng ghi sẵn (table: fixed): các dòng, mỗi dòng một danh sách ô; dòng ít ô hơn dòng tiêu đề là dòng đề mục (ô cuối trải hết các cột còn lại); xuống dòng trong ô viết \\n")
    columns: list[ColumnKey] = Field(default_factory=list, description="Các cột của bảng, nếu khác mặc định: stt, label (chỉ tiêu), unit (đơn vị tính), base (cùng kỳ), value (kế hoạch), result (thực hiện), rate (tỷ lệ %), verdict (đánh giá), note (ghi chú); bảng rounds: name, period, occasions; bảng titles: title, count, note")
    numbering: NumberingStyle | None = Field(None, description="Kiểu đánh số các mục con, nếu khác kiểu chung: " + ", ".join(NUMBERING_STYLES))
    children: list[Section] = Field(default_factory=list, description="Các mục con")
    closing: list[str] = Field(default_factory=list, description="Các đoạn văn sau các mục con")

    @model_validator(mode="after")
    def _not_empty(self):
        if not (self.title or self.text):
            raise ValueError("mục cần có title (tiêu đề) hoặc text (đoạn văn liền số thứ tự)")
        if self.columns and self.table is None:
            raise ValueError("có columns (các cột) nhưng chưa có table (loại bảng)")
        if (self.header or self.rows) and self.table != "fixed":
            raise ValueError("header và rows chỉ dùng cho bảng ghi sẵn (table: fixed)")
        if self.table == "fixed":
            if not self.header:
                raise ValueError("bảng ghi sẵn (table: fixed) cần header (các ô của dòng tiêu đề)")
            if long := [i for i, row in enumerate(self.rows) if len(row) > len(self.header)]:
                raise ValueError(f"dòng {long[0] + 1} của bảng có {len(self.rows[long[0]])} ô, nhiều hơn "
                                 f"{len(self.header)} cột của dòng tiêu đề")
        if self.table is not None:
            allowed = TABLE_COLUMNS[self.table][1]
            if wrong := [c for c in self.columns if c not in allowed]:
                raise ValueError(f"bảng {self.table} không có cột {', '.join(wrong)}; các cột: {', '.join(allowed)}")
        return self

    @property
    def table_columns(self) -> tuple[str, ...]:
        return tuple(self.columns) if self.columns else TABLE_COLUMNS[self.table][0] if self.table else ()


Section.model_rebuild()


class Recipient(Strict):
    text: Filled = Field(description="Tên nơi nhận")
    report: StrictBool = Field(False, description="Gửi để báo cáo: thêm '(B/c)'")


class Recipients(Strict):
    items: list[Annotated[Recipient, BeforeValidator(_text_to_mapping)]] = Field(description="Danh sách nơi nhận")
    archive: Filled | None = Field(None, description="Phần lưu: 'VT, NV' thành '- Lưu: VT, NV.' (nhà nước, mặc định VT); với Đảng, Đoàn, Đội in '- Lưu …' không dấu hai chấm, mặc định là tên cơ quan ban hành")


class Authority(str, Enum):
    on_behalf = "TM"      # thay mặt tập thể
    deputy = "KT"         # ký thay
    acting = "Q"          # quyền
    by_order = "TL"       # thừa lệnh
    delegated = "TUQ"     # thừa ủy quyền


def _authority(value):
    if isinstance(value, str):
        value = value.strip().rstrip(".").upper()
        return value or None
    return value


class Signer(Strict):
    authority: Annotated[Authority | None, BeforeValidator(_authority), WithJsonSchema(parts.AUTHORITY)] = Field(None, description="Thẩm quyền ký: TM, KT, Q, TL, TUQ; bỏ trống nếu người đứng đầu ký trực tiếp")
    on_behalf_of: str | None = Field(None, description="Tập thể được thay mặt (dòng TM.), mặc định Ủy ban nhân dân với TM và KT; để trống ('') khi ký KT. mà không có dòng TM.")
    head_title: Filled | None = Field(None, description="Chức vụ người đứng đầu (dùng sau KT., Q., TL., TUQ.); mặc định: với KT lấy từ chức vụ cấp phó (Phó Giám đốc → Giám đốc), nếu không thì theo họ cơ quan: Chủ tịch, Bí thư, Tổng phụ trách Đội")
    title: Filled | None = Field(None, description="Chức vụ người ký, ví dụ: Chủ tịch, Phó Chủ tịch, Chánh Văn phòng")
    extra_titles: list[Filled] = Field(default_factory=list, description="Các dòng chức vụ thêm, in dưới chức vụ; ví dụ Hội đồng dùng con dấu của cơ quan: chức vụ trong cơ quan (Giám đốc Sở Nội vụ)")
    note: str = Field("", description="Dòng ghi chú in nghiêng dưới chức vụ, ví dụ: (Đã ký), (Ký, ghi rõ họ tên)")
    name: Annotated[str, BeforeValidator(lambda v: "" if v is None else v)] = Field(
        description="Họ và tên người ký; để trống ('') nếu chưa biết: văn bản chừa chỗ, `thidua lint` nhắc điền")

    @model_validator(mode="after")
    def _title_needed(self):
        if self.authority in (Authority.deputy, Authority.by_order, Authority.delegated) and not self.title:
            raise ValueError(f"ký {self.authority.value}. cần ghi title (chức vụ người ký), ví dụ: Phó Chủ tịch")
        return self


class SignatureBlock(Strict):
    """A block beside the signer's: approval of the head teacher, the person who prepared the plan."""

    lines: list[Filled] = Field(min_length=1, description="Các dòng in hoa, đậm, ví dụ: ['Duyệt của Ban Giám hiệu', 'Hiệu trưởng']")
    note: str = Field("", description="Dòng ghi chú in nghiêng dưới các dòng trên, ví dụ: (Ký và đóng dấu)")
    name: Annotated[str, BeforeValidator(lambda v: "" if v is None else v)] = Field(
        "", description="Họ và tên; để trống ('') nếu chưa biết")


class Partner(Strict):
    """Another body issuing the plan jointly (kế hoạch liên tịch, phối hợp)."""

    issuer: Issuer = Field(description="Cơ quan cùng ban hành, ví dụ Ủy ban Mặt trận Tổ quốc Việt Nam xã")
    signer: Signer = Field(description="Người ký của cơ quan cùng ban hành")
    in_number: bool = Field(True, description="Ghi ký hiệu của cơ quan này trong số văn bản (mặc định: có, "
                            "'Số: 05/KH-UBND-UBMTTQ'); false khi số chỉ mang ký hiệu của cơ quan chủ trì "
                            "('Số: 05/KH-UBND'); khi đó không cần 'symbol'")


class ReportSource(Strict):
    """What a báo cáo sơ kết, tổng kết reports on: its plan and the results sheet."""

    plan: str = Field(description="Kế hoạch được báo cáo (đường dẫn tính từ tệp này); các chỉ tiêu lấy từ đó")
    results: str | None = Field(None, description="Bảng kết quả (.xlsx, .csv, .yaml): mỗi dòng một chỉ tiêu, cột target (mã chỉ tiêu), result (thực hiện), base (số liệu gốc, nếu cần), name (đơn vị, nếu là bảng nhiều đơn vị), note")
    sheet: str | None = Field(None, description="Trang tính của bảng kết quả (mặc định: trang đầu tiên)")
    table: str | None = Field(None, description="Bảng xã, phường của kế hoạch (khi báo cáo kết quả từng đơn vị): kế hoạch của từng đơn vị lấy từ cột target:<mã>")
    period: str = Field("năm", description="Kỳ báo cáo: năm (tổng kết), mã một đợt thi đua của kế hoạch (sơ kết đợt), hoặc 6 tháng (sơ kết 6 tháng đầu năm)")


class TitleEntry(Strict):
    title: str = Field(description="Danh hiệu thi đua, ví dụ: Tập thể lao động tiên tiến")
    count: str = Field("", description="Số lượng đăng ký, ví dụ: 01 tập thể, 15 người")
    note: str = Field("", description="Ghi chú")


class Registration(Strict):
    """What a unit registers for: the titles, beside the movements and targets of the plan."""

    plan: str | None = Field(None, description="Kế hoạch phát động mà bản đăng ký hưởng ứng (đường dẫn tính từ tệp này)")
    collective: list[TitleEntry] = Field(default_factory=list, description="Danh hiệu đăng ký cho tập thể")
    individual: list[TitleEntry] = Field(default_factory=list, description="Danh hiệu đăng ký cho cá nhân")


class Plan(Strict):
    """Một kế hoạch / phát động phong trào thi đua."""

    extends: str | None = Field(None, description="Kế hoạch gốc để kế thừa (đường dẫn tính từ tệp này); mọi trường ở đây ghi đè lên kế hoạch gốc. Trong danh sách có id: drop: true để bỏ, replace: true để thay cả mục")
    kind: DocumentKind = Field("KẾ HOẠCH", description="Tên loại văn bản: KẾ HOẠCH, PHÁT ĐỘNG, THÔNG BÁO, CHƯƠNG TRÌNH, …")
    symbol: str | None = Field(None, description="Viết tắt tên loại trong ký hiệu nếu khác mặc định (KH, PĐ, TB, CTr, …)")
    year: Whole = Field(ge=1945, le=2100, description="Năm của kế hoạch")
    template: str | None = Field(None, description="Đường dẫn mẫu .docx riêng (tương đối so với tệp kế hoạch)")
    issuer: Issuer = Field(description="Cơ quan ban hành")
    number: Whole | None = Field(None, ge=1, le=99999, description="Số văn bản; bỏ trống để văn thư điền khi ký")
    date: Annotated[PartialDate | None, BeforeValidator(_date_to_parts)] = Field(None, description="Ngày ban hành: 19/3/2024, hoặc {month: 1} để trống ngày, hoặc bỏ trống")
    summary: str = Field(description="Trích yếu nội dung")
    legal_bases: list[str] = Field(default_factory=list, description="Các căn cứ, 'Thực hiện …', mỗi dòng một đoạn")
    preamble: list[str] = Field(default_factory=list, description="Các đoạn mở đầu")
    theme: Theme | None = Field(None, description="Chủ đề thi đua, đặt cuối đoạn mở đầu cuối cùng")
    numbering: list[NumberingStyle] = Field(["I.", "1.", "1.1."], description="Kiểu đánh số theo cấp: I., 1., 1.1. hoặc a); sau đó là gạch đầu dòng - và +")
    events: list[LocalEvent] = Field(default_factory=list, description="Các sự kiện của địa phương (ngày tái lập, ngày thành lập Đảng bộ, …) dùng cho ngày kỷ niệm")
    targets: list[TargetGroup] = Field(default_factory=list, description="Các nhóm chỉ tiêu")
    rounds: list[Round] = Field(default_factory=list, description="Các đợt thi đua")
    sections: list[Section] = Field(description="Các phần nội dung (I., II., …)")
    closing: list[str] = Field(default_factory=list, description="Các đoạn kết (lời kêu gọi, 'Trên đây là …'); đoạn cuối nên kết thúc bằng ./.")
    recipients: Recipients = Field(description="Nơi nhận")
    signer: Signer = Field(description="Người ký")
    family: Annotated[FamilyKey, BeforeValidator(_family),
                      WithJsonSchema(parts.any_case(tuple(k.value for k in FamilyKey), "họ cơ quan ban hành"))] = Field(
        DEFAULT.key, description="Họ cơ quan ban hành, quyết định phần đầu, số ký hiệu, chữ ký: " + "; ".join(
            f"«{key.value}»: {family.name}, theo {family.short}" for key, family in FAMILIES.items()))
    banner: Filled | None = Field(None, description="Cách viết tiêu đề bên phải, với họ có nhiều cách viết: " + "; ".join(
        f"{family.key.value}: " + ", ".join(f"«{name}» ({' / '.join(lines)})" for name, lines in family.banner_forms.items())
        for family in FAMILIES.values() if family.banner_forms) + "; bỏ trống: cách viết mặc định của họ")
    partners: list[Partner] = Field(default_factory=list, description="Các cơ quan cùng ban hành (kế hoạch liên tịch): tên ghép ở phần đầu, ký hiệu ghép trong số, mỗi cơ quan một khối chữ ký")
    lead_side: Literal["phải", "trái"] = Field("phải", description="Kế hoạch liên tịch: khối chữ ký của cơ quan chủ trì (issuer) ở bên phải (mặc định) hay bên trái")
    approval: SignatureBlock | None = Field(None, description="Khối thứ hai bên trái khối chữ ký: duyệt của Ban Giám hiệu, người lập, …")
    report: ReportSource | None = Field(None, description="Báo cáo sơ kết, tổng kết: kế hoạch được báo cáo và bảng kết quả (bảng results tính từ đó mỗi lần build)")
    registration: Registration | None = Field(None, description="Bản đăng ký thi đua: các danh hiệu đăng ký (bảng titles)")

    def all_targets(self) -> list[Target]:
        """Every target, sub-targets included, in the order they are printed."""
        def walk(items: list[Target]) -> typing.Iterator[Target]:
            for target in items:
                yield target
                yield from walk(target.items)

        return [target for group in self.targets for target in walk(group.items)]

    def all_sections(self) -> typing.Iterator[Section]:
        """Every section, sub-sections included, in the order they are printed."""
        def walk(sections: list[Section]) -> typing.Iterator[Section]:
            for section in sections:
                yield section
                yield from walk(section.children)

        return walk(self.sections)

    @model_validator(mode="after")
    def _tables_have_data(self):
        for kind in (s.table for s in self.all_sections() if s.table):
            if kind in ("results", "units") and self.report is None:
                raise ValueError(f"bảng {kind} cần trường report (kế hoạch được báo cáo và bảng kết quả)")
            if kind == "titles" and self.registration is None:
                raise ValueError("bảng titles cần trường registration (các danh hiệu đăng ký)")
        return self

    @property
    def kind_symbol(self) -> str:
        return self.symbol or DOCUMENT_KINDS[self.kind][0]


def unknown_banner(plan: Plan) -> list[tuple[tuple, str, str]]:
    """(path, message, hint) when `banner` names a form the plan's family does not write its banner in."""
    forms = FAMILIES[plan.family].banner_forms
    if plan.banner is None or plan.banner in forms:
        return []
    if not forms:
        return [(("banner",), f"họ {plan.family.value} chỉ có một cách viết tiêu đề", "xóa dòng 'banner: …'")]
    return [(("banner",), f"'{plan.banner}' không phải cách viết tiêu đề của họ {plan.family.value}",
             "chọn một trong: " + ", ".join(forms))]


def unnamed_issuers(plan: Plan) -> list[tuple[tuple, str, str]]:
    """(path, message, hint) for each issuer whose name or symbol would otherwise be a UBND's:
    nothing of a People's Committee is assumed for any other body."""
    problems: list[tuple[tuple, str, str]] = []
    issuers = [(("issuer",), plan.issuer, True)] + [(("partners", i, "issuer"), p.issuer, p.in_number)
                                                     for i, p in enumerate(plan.partners)]
    for path, issuer, in_number in issuers:
        implied = FAMILIES[plan.family].default_body
        committee = implied is not None and not issuer.unit and issuer.body in (None, implied)
        if issuer.body is None and issuer.unit is None and not committee:
            problems.append((path, "chưa ghi tên cơ quan ban hành",
                             "thêm 'body: …' (tên ghép với địa bàn, ví dụ: Đảng ủy) hoặc 'unit: …' "
                             "(tên đầy đủ, ví dụ: Sở Nội vụ)"))
        elif issuer.symbol is None and not committee and in_number:
            problems.append((path, "chưa ghi chữ viết tắt tên cơ quan trong số, ký hiệu",
                             "thêm 'symbol: …', ví dụ: SNV, HĐTĐKT, ĐU, ĐTN, LĐ, UBMTTQ"
                             + ("" if path == ("issuer",) else "; hoặc 'in_number: false' nếu số văn bản "
                                "không ghi ký hiệu của cơ quan này")))
    return problems
