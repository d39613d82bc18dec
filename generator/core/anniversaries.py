"""The calendar of anniversaries that plans cite, and how an anniversary is written.

"94 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2024)" is computed
from the event's base date and the plan's year, so moving a plan to a new year moves
every anniversary with it.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass

from generator.core import formatting as fmt

CAN = ("Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý")
CHI = ("Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi")


def can_chi(year: int) -> str:
    """Name of the lunar year that begins in `year`: 2024 → "Giáp Thìn"."""
    return f"{CAN[(year + 6) % 10]} {CHI[(year + 8) % 12]}"


@dataclass(frozen=True)
class Event:
    key: str
    name: str
    since: dt.date | int  # a date, or only a year ("thành lập xã 1954")
    source: str = ""  # where the date is stated (national events)

    @property
    def base_year(self) -> int:
        return self.since if isinstance(self.since, int) else self.since.year


def _d(text: str) -> dt.date:
    day, month, year = (int(part) for part in text.split("/"))
    return dt.date(year, month, day)


# National anniversaries cited in plans; keys are stable and used in YAML (`event: …`).
NATIONAL_EVENTS: dict[str, Event] = {e.key: e for e in [
    Event("thanh-lap-dang", "Ngày thành lập Đảng Cộng sản Việt Nam", _d("03/02/1930")),
    Event("thay-thuoc", "Ngày Thầy thuốc Việt Nam", _d("27/02/1955")),
    Event("bien-phong", "Ngày truyền thống Bộ đội Biên phòng, Ngày Biên phòng toàn dân", _d("03/03/1959")),
    Event("doan-thanh-nien", "Ngày thành lập Đoàn Thanh niên Cộng sản Hồ Chí Minh", _d("26/03/1931")),
    Event("van-hoa-cac-dan-toc", "Ngày Văn hóa các dân tộc Việt Nam", _d("19/04/2008")),
    Event("giai-phong-mien-nam", "Ngày giải phóng miền Nam, thống nhất đất nước", _d("30/04/1975")),
    Event("dien-bien-phu", "Ngày Chiến thắng Điện Biên Phủ", _d("07/05/1954")),
    Event("sinh-nhat-bac", "Ngày sinh Chủ tịch Hồ Chí Minh", _d("19/05/1890")),
    Event("thi-dua-ai-quoc", "Ngày Chủ tịch Hồ Chí Minh ra lời kêu gọi thi đua ái quốc - Ngày truyền thống thi đua yêu nước", _d("11/06/1948")),
    Event("thuong-binh-liet-sy", "Ngày Thương binh - Liệt sỹ", _d("27/07/1947")),
    Event("cong-doan", "Ngày thành lập Công đoàn Việt Nam", _d("28/07/1929")),
    Event("cach-mang-thang-tam", "Ngày Cách mạng Tháng Tám thành công", _d("19/08/1945")),
    Event("cong-an-nhan-dan", "Ngày truyền thống Công an nhân dân Việt Nam", _d("19/08/1945")),
    Event("quoc-khanh", "Ngày Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam", _d("02/09/1945")),
    Event("di-chuc-bac", "Ngày thực hiện Di chúc của Chủ tịch Hồ Chí Minh", _d("02/09/1969")),
    Event("bac-ho-ve-den-hung", "Ngày Bác Hồ về thăm Đền Hùng", _d("19/09/1954")),
    Event("giai-phong-thu-do", "Ngày Giải phóng Thủ đô", _d("10/10/1954")),
    Event("hoi-nong-dan", "Ngày thành lập Hội Nông dân Việt Nam", _d("14/10/1930")),
    Event("hoi-phu-nu", "Ngày thành lập Hội Liên hiệp Phụ nữ Việt Nam", _d("20/10/1930")),
    Event("mat-tran-to-quoc", "Ngày truyền thống Mặt trận Tổ quốc Việt Nam", _d("18/11/1930")),
    Event("nha-giao", "Ngày Nhà giáo Việt Nam", _d("20/11/1982")),
    Event("hoi-cuu-chien-binh", "Ngày thành lập Hội Cựu chiến binh Việt Nam", _d("06/12/1989")),
    Event("quan-doi-nhan-dan", "Ngày thành lập Quân đội nhân dân Việt Nam", _d("22/12/1944")),
    Event("quoc-phong-toan-dan", "Ngày hội Quốc phòng toàn dân", _d("22/12/1989")),
    # Completed from the days plans commonly cite (Party, State, armed forces, Đoàn and Đội,
    # Bác Hồ, victories, the sectors' traditional days). Source of each: the day's own founding
    # text or the Party's and State's annual lists of anniversaries (Ban Tuyên giáo Trung ương).
    Event("tong-tuyen-cu", "Ngày Tổng tuyển cử đầu tiên bầu Quốc hội Việt Nam", _d("06/01/1946"), "lịch sử Quốc hội"),
    Event("hoc-sinh-sinh-vien", "Ngày truyền thống học sinh, sinh viên và Hội Sinh viên Việt Nam", _d("09/01/1950"),
          "Hội Sinh viên Việt Nam"),
    Event("bac-ve-nuoc", "Ngày Chủ tịch Hồ Chí Minh về nước trực tiếp lãnh đạo cách mạng Việt Nam", _d("28/01/1941"),
          "Ban Tuyên giáo Trung ương"),
    Event("quoc-te-phu-nu", "Ngày Quốc tế Phụ nữ", _d("08/03/1910"), "Hội nghị Phụ nữ xã hội chủ nghĩa quốc tế 1910"),
    Event("the-thao", "Ngày Thể thao Việt Nam", _d("27/03/1946"), "Lời kêu gọi toàn dân tập thể dục, 27/3/1946"),
    Event("dan-quan-tu-ve", "Ngày truyền thống Dân quân tự vệ", _d("28/03/1935"), "Bộ Quốc phòng"),
    Event("quoc-te-lao-dong", "Ngày Quốc tế Lao động", _d("01/05/1886"), "Ngày Quốc tế Lao động 1/5/1886"),
    Event("hai-quan", "Ngày truyền thống Hải quân nhân dân Việt Nam", _d("07/05/1955"), "Bộ Quốc phòng"),
    Event("doi-thieu-nien", "Ngày thành lập Đội Thiếu niên Tiền phong Hồ Chí Minh", _d("15/05/1941"),
          "Trung ương Đoàn TNCS Hồ Chí Minh"),
    Event("bac-ra-di-tim-duong", "Ngày Chủ tịch Hồ Chí Minh ra đi tìm đường cứu nước", _d("05/06/1911"),
          "Ban Tuyên giáo Trung ương"),
    Event("bao-chi", "Ngày Báo chí cách mạng Việt Nam", _d("21/06/1925"), "báo Thanh Niên, số 1, 21/6/1925"),
    Event("gia-dinh", "Ngày Gia đình Việt Nam", _d("28/06/2001"), "Quyết định số 72/2001/QĐ-TTg"),
    Event("thanh-nien-xung-phong", "Ngày truyền thống lực lượng Thanh niên xung phong Việt Nam", _d("15/07/1950"),
          "Hội Cựu Thanh niên xung phong Việt Nam"),
    Event("tuyen-giao", "Ngày truyền thống ngành Tuyên giáo của Đảng", _d("01/08/1930"), "Ban Tuyên giáo Trung ương"),
    Event("to-chuc-nha-nuoc", "Ngày truyền thống ngành Tổ chức nhà nước (ngành Nội vụ)", _d("28/08/1945"), "Bộ Nội vụ"),
    Event("xo-viet-nghe-tinh", "Ngày Xô viết Nghệ Tĩnh", _d("12/09/1930"), "Ban Tuyên giáo Trung ương"),
    Event("khoi-nghia-bac-son", "Ngày Khởi nghĩa Bắc Sơn", _d("27/09/1940"), "Ban Tuyên giáo Trung ương"),
    Event("doanh-nhan", "Ngày Doanh nhân Việt Nam", _d("13/10/2004"), "Quyết định số 990/QĐ-TTg năm 2004"),
    Event("to-chuc-xay-dung-dang", "Ngày truyền thống ngành Tổ chức xây dựng Đảng", _d("14/10/1930"),
          "Ban Tổ chức Trung ương"),
    Event("dan-van", "Ngày truyền thống công tác Dân vận của Đảng", _d("15/10/1930"), "Ban Dân vận Trung ương"),
    Event("hoi-lien-hiep-thanh-nien", "Ngày truyền thống Hội Liên hiệp Thanh niên Việt Nam", _d("15/10/1956"),
          "Trung ương Hội LHTN Việt Nam"),
    Event("kiem-tra-dang", "Ngày truyền thống ngành Kiểm tra của Đảng", _d("16/10/1948"), "Ủy ban Kiểm tra Trung ương"),
    Event("van-phong-cap-uy", "Ngày truyền thống Văn phòng cấp ủy", _d("18/10/1930"), "Văn phòng Trung ương Đảng"),
    Event("phong-khong-khong-quan", "Ngày truyền thống Bộ đội Phòng không - Không quân", _d("22/10/1963"),
          "Bộ Quốc phòng"),
    Event("phap-luat", "Ngày Pháp luật nước Cộng hòa xã hội chủ nghĩa Việt Nam", _d("09/11/2013"),
          "Luật Phổ biến, giáo dục pháp luật 2012, Điều 8 (áp dụng từ 2013)"),
    Event("khoi-nghia-nam-ky", "Ngày Khởi nghĩa Nam Kỳ", _d("23/11/1940"), "Ban Tuyên giáo Trung ương"),
    Event("chu-thap-do", "Ngày thành lập Hội Chữ thập đỏ Việt Nam", _d("23/11/1946"), "Trung ương Hội Chữ thập đỏ"),
    Event("toan-quoc-khang-chien", "Ngày Toàn quốc kháng chiến", _d("19/12/1946"),
          "Lời kêu gọi toàn quốc kháng chiến, 19/12/1946"),
    Event("dien-bien-phu-tren-khong", "Chiến thắng \"Hà Nội - Điện Biên Phủ trên không\"", _d("30/12/1972"),
          "Bộ Quốc phòng"),
]}


def anniversary_date(since: dt.date, year: int) -> dt.date:
    """The day of the anniversary in `year` (an event on 29 February falls on the 28th)."""
    try:
        return since.replace(year=year)
    except ValueError:
        return dt.date(year, 2, 28)


def anniversary_text(name: str, since: dt.date | int, year: int) -> str:
    """"94 năm Ngày thành lập … (03/02/1930 - 03/02/2024)"; "70 năm … (1954 - 2024)"."""
    if isinstance(since, int):
        return f"{year - since} năm {name} ({since} - {year})"
    span = f"{fmt.short_date(since)} - {fmt.short_date(anniversary_date(since, year))}"
    return f"{year - since.year} năm {name} ({span})"


def is_round_number(years: int) -> bool:
    """Multiples of 5 and 10 usually get a peak round (đợt cao điểm)."""
    return years > 0 and years % 5 == 0


def events_in_year(year: int, local: dict[str, Event] | None = None) -> list[tuple[dt.date, Event, int]]:
    """All events with their anniversary day and count in `year`, in date order."""
    rows = []
    for event in {**NATIONAL_EVENTS, **(local or {})}.values():
        if event.base_year >= year:
            continue
        day = anniversary_date(event.since, year) if isinstance(event.since, dt.date) else dt.date(year, 12, 31)
        rows.append((day, event, year - event.base_year))
    return sorted(rows, key=lambda row: (row[0], row[1].key))


def local_events(plan) -> dict[str, Event]:
    return {e.key: Event(e.key, e.name, e.since) for e in plan.events}


def resolve_event(occasion, plan) -> Event:
    """The event an occasion refers to, with the occasion's own wording where given."""
    if not occasion.event:  # the model requires name and since when there is no event key
        return Event("", occasion.name, occasion.since)
    base = {**NATIONAL_EVENTS, **local_events(plan)}[occasion.event]
    return Event(occasion.event, occasion.name or base.name, occasion.since or base.since)


def unknown_event_keys(plan) -> list[tuple[tuple, str, str]]:
    """(field path, message, hint) for every occasion whose event key is unknown."""
    known = {**NATIONAL_EVENTS, **local_events(plan)}
    problems = []
    for r, round_ in enumerate(plan.rounds):
        for o, occasion in enumerate(round_.occasions):
            if occasion.event and occasion.event not in known:
                close = difflib.get_close_matches(occasion.event, list(known), n=1, cutoff=0.5)
                hint = f"có phải ý bạn là '{close[0]}'?" if close else "xem danh sách bằng lệnh: thidua events <năm>"
                problems.append((("rounds", r, "occasions", o, "event"),
                                 f"sự kiện '{occasion.event}' không có trong lịch kỷ niệm", hint))
    return problems
