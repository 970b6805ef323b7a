"""What a Chinese government document says about itself: metadata labels, dates, its kind (文种), its issuer's level and region.

Government websites print a metadata table above a document (索引号, 发布机构, 发文日期, 文号, 发布日期,
名称 …), with labels spaced to one width ("索 引 号", "文　　号"); the document itself prints its 文号 under
the 版头 and its date under the signature. The kind is the 文种 the title ends with (…的通知); a notice
that issues another document (关于印发《…方案》的通知) takes the kind of what it issues, as the corpus does.
The level and region come from the issuer's name: 湖南省民政厅 is provincial, in 湖南省.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# Metadata labels as websites print them (spaces removed) -> the field they fill.
LABELS: dict[str, str] = {
    "索引号": "index_number",
    "文号": "doc_number", "发文字号": "doc_number", "发文文号": "doc_number",
    "成文日期": "written", "发文日期": "written", "印发日期": "written", "签发日期": "written",
    "发布日期": "published", "公开日期": "published", "发布时间": "published", "公布日期": "published",
    "名称": "title", "标题": "title", "文件名称": "title", "文件标题": "title",
    "发布机构": "issuer", "发文机关": "issuer", "发文单位": "issuer", "发布单位": "issuer", "制发机关": "issuer",
    "来源": "publisher", "信息来源": "publisher",
    "主题分类": "other", "公开方式": "other", "公开形式": "other", "公开范围": "other", "公开目录": "other",
    "公开责任部门": "other", "有效性": "other", "时效性": "other", "生效日期": "other", "废止日期": "other",
    "浏览次数": "other", "访问量": "other", "分类": "other", "体裁分类": "other", "组配分类": "other",
}
_LABEL = "|".join(sorted((r"[\s\u3000]*".join(map(re.escape, label)) for label in LABELS), key=len, reverse=True))
# "索 引 号： 4300000066/2021-00123 主题分类： 民政" -> (索 引 号, 4300000066/2021-00123), (主题分类, 民政)
# A label followed by a colon, or, at the start of a table row copied as text, by spaces; its value runs to the
# next label (cells of one row may come without a space between them, as a PDF's text layer gives them).
LABELLED = re.compile(rf"(?:(?P<label>{_LABEL})[\s\u3000]*[:：]|(?:^|(?<=[\s\u3000]))(?P<bare>{_LABEL})[\s\u3000]+)[\s\u3000]*"
                      rf"(?P<value>.*?)(?=(?:{_LABEL})[\s\u3000]*[:：]|[\s\u3000]+(?:{_LABEL})(?:[\s\u3000]|$)|$)")
_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9}
DATE = re.compile(r"(?P<y>\d{4}|[〇○零ＯO一二三四五六七八九]{4})\s*(?:年|[-./])\s*(?P<m>\d{1,2}|[一二三四五六七八九十]{1,2})\s*(?:月|[-./])"
                  r"\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日?")
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}[〔［\[（(【]\s*\d{4}\s*[〕］\]）)】]\s*\d+\s*号")
INDEX_NUMBER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-/_.]{4,}$")

# The 文种 a title ends with -> the corpus's kind; longer words first (实施方案 before 方案).
KIND_WORDS: tuple[tuple[str, str], ...] = (
    ("答复", "reply"), ("复函", "reply"), ("批复", "reply"),
    ("行动方案", "action-plan"), ("实施方案", "action-plan"), ("工作方案", "action-plan"), ("方案", "action-plan"),
    ("规划", "plan"), ("纲要", "plan"), ("计划", "plan"),
    ("指导意见", "opinion"), ("实施意见", "opinion"), ("意见", "opinion"),
    ("实施细则", "measures"), ("办法", "measures"), ("细则", "measures"), ("规定", "measures"), ("规范", "measures"),
    ("通知", "notice"), ("通告", "notice"), ("公告", "notice"),
)
_ISSUING = re.compile(r"关于(?:印发|转发|颁布|发布)(?P<what>.+?)的通知$")


def cn_number(text: str) -> int:
    """12 or 十二 or 二〇二一 as a number."""
    if text.isdigit():
        return int(text)
    if all(ch in _CN_DIGITS for ch in text) and len(text) == 4:  # a year written digit by digit
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    return _CN_DIGITS.get(text, 0)


def parse_date(text: str) -> date | None:
    """2021年06月02日, 2021-06-08 10:32, 二〇二一年六月二日 -> a date; None when there is none or no such day."""
    match = DATE.search(text)
    if match is None:
        return None
    try:
        return date(cn_number(match["y"]), cn_number(match["m"]), cn_number(match["d"]))
    except ValueError:
        return None


def labelled_fields(line: str) -> dict[str, str]:
    """The metadata fields a line prints as "label：value", by field name (the first value of each)."""
    found: dict[str, str] = {}
    for match in LABELLED.finditer(line):
        field = LABELS[re.sub(r"[\s\u3000]", "", match["label"] or match["bare"])]
        value = re.sub(r"[\s\u3000]+", " ", match["value"]).strip()
        if value and field != "other":
            found.setdefault(field, value)
    return found


def is_metadata_line(line: str) -> bool:
    """A line that is all "label：value" pairs (a row of the metadata table), not a sentence of the text."""
    matches = list(LABELLED.finditer(line))
    return bool(matches) and matches[0].start() == 0 and not re.search(r"[。；]", line)


def document_kind(title: str | None) -> str | None:
    """The kind of a document from its title: the 文种 it ends with, or, for 关于印发…的通知, that of what it issues."""
    if not title:
        return None
    title = title.strip().rstrip("》”\"")
    issuing = _ISSUING.search(title)
    if issuing:
        issued = issuing["what"].strip("《》“”\"")
        found = _kind_at_end(issued)
        if found:
            return found
    return _kind_at_end(title)


def _kind_at_end(title: str) -> str | None:
    title = re.sub(r"[（(][^（）()]*[)）]$", "", title.strip("《》“”\" "))  # …办法（试行）
    return next((kind for word, kind in KIND_WORDS if title.endswith(word)), None)


# The provinces, autonomous regions and municipalities (省级行政区), as names start.
PROVINCES = (
    "北京市", "天津市", "上海市", "重庆市", "河北省", "山西省", "辽宁省", "吉林省", "黑龙江省", "江苏省", "浙江省", "安徽省",
    "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "海南省", "四川省", "贵州省", "云南省", "陕西省",
    "甘肃省", "青海省", "台湾省", "内蒙古自治区", "广西壮族自治区", "西藏自治区", "宁夏回族自治区", "新疆维吾尔自治区",
    "香港特别行政区", "澳门特别行政区",
)
NATIONAL = re.compile(r"^(?:中共中央|中央|国务院|全国人民代表大会|全国人大|全国政协|最高人民|中华人民共和国|"
                      r"(?:民政|财政|教育|司法|公安|商务|文化和旅游|自然资源|生态环境|住房和城乡建设|交通运输|水利|农业农村|"
                      r"人力资源和社会保障|国家卫生健康|退役军人事务|应急管理|工业和信息化|科学技术)部|国家[\u4e00-\u9fff]{1,10}(?:委员会|局|署|总局))")
_CITY = r"[\u4e00-\u9fff]{1,8}?(?:市|自治州|州|地区|盟)"
_COUNTY = r"[\u4e00-\u9fff]{1,8}?(?:自治县|县|区|旗|县级市)"
_TOWNSHIP = r"[\u4e00-\u9fff]{1,8}?(?:街道办事处|街道|镇|乡|苏木)"
_COMMUNITY = r"[\u4e00-\u9fff]{1,10}?(?:社区|村)(?:居民委员会|民委员会)?"


@dataclass(frozen=True)
class Jurisdiction:
    """The level of an issuer and the region it governs, as far as its name tells."""

    level: str
    region: str
    certain: bool = True  # False where the name alone cannot tell (浏阳市: a city, or a county-level city?)


def jurisdiction(issuer: str | None) -> Jurisdiction | None:
    """湖南省民政厅 -> provincial, 湖南省; 长沙市岳麓区民政局 -> county, 长沙市岳麓区; None when the name does not say."""
    if not issuer:
        return None
    name = re.sub(r"[\s\u3000]", "", issuer)
    if NATIONAL.match(name):
        return Jurisdiction("national", "全国")
    province = next((p for p in PROVINCES if name.startswith((p, p.removesuffix("省")))), None)
    rest = name
    region = ""
    if province:
        written = province if name.startswith(province) else province[:-1]
        region, rest = province, name[len(written):]
        if province in ("北京市", "天津市", "上海市", "重庆市") and not re.match(_COUNTY, rest):
            return Jurisdiction("provincial", province)
    parts: list[tuple[str, str]] = []
    for level, pattern in (("municipal", _CITY), ("county", _COUNTY), ("township", _TOWNSHIP), ("community", _COMMUNITY)):
        match = re.match(pattern, rest)
        if match and level == "county" and match.group(0).endswith("社区"):
            continue  # 某某社区居民委员会: the 区 of 社区 is no district
        if match and (level == "community" or not _is_body(match.group(0))):
            parts.append((level, re.sub(r"(?:办事处|居民委员会|(?<=村)民委员会)$", "", match.group(0))))
            rest = rest[match.end():]
    if not parts:
        return Jurisdiction("provincial", region) if province else None
    level = parts[-1][0]
    region += "".join(text for _, text in parts)
    # a bare "X市" may be a prefecture-level city or a county-level one: say so
    return Jurisdiction(level, region, certain=bool(province) or len(parts) > 1 or level != "municipal")


def _is_body(text: str) -> bool:
    """人民政府, 民政局 and the like name the body, not a place."""
    return bool(re.search(r"(?:人民政府|政府|民政|委员会|办公|厅|局)", text))
