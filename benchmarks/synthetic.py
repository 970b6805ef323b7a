"""Generate a synthetic corpus of N valid, cross-referencing entries for the benchmarks.

    python benchmarks/synthetic.py 1000 /tmp/corpus-1000
    python -m generator check /tmp/corpus-1000 --sources /nonexistent   # → no problems found

The corpus follows generator/content/model.py and docs/editing.md: documents with a few sections,
clauses and facts; indicators whose values come from those facts; cases and glossary terms
that cite clauses and facts; themes that everything points at. Running text mentions term
and indicator names so that glossary linking has work to do, as on the real site. Every
document has a capture (its clause texts) in ``sources/captures/``, as ``compendium source add``
keeps one, because ``compendium check`` rejects a quote it cannot verify.

The mix (share of N) is fixed so that results are comparable between runs:
documents 35 %, indicators 20 %, cases 15 %, terms 27 %, themes 3 % (at least 3).
``mkdocs.yml``, ``overrides/`` and ``docs/`` are copied from the repository, so the folder
can be built with ``python -m generator build --root FOLDER``.

Not a test: nothing here asserts; it only writes files. Same N and seed → same corpus.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent

MIX = {"document": 0.35, "indicator": 0.20, "case": 0.15, "term": 0.27, "theme": 0.03}
FOLDERS = {
    "document": "policies",
    "indicator": "policies/indicators",
    "case": "casebook",
    "term": "glossary",
    "theme": "themes",
}

# ----- vocabulary (Chinese names are built from these, mixed-radix, so they are unique) -----
PROVINCES = [
    ("河南省", "Henan", "豫", "henan"), ("湖南省", "Hunan", "湘", "hunan"), ("湖北省", "Hubei", "鄂", "hubei"),
    ("浙江省", "Zhejiang", "浙", "zhejiang"), ("江苏省", "Jiangsu", "苏", "jiangsu"), ("四川省", "Sichuan", "川", "sichuan"),
    ("广东省", "Guangdong", "粤", "guangdong"), ("山东省", "Shandong", "鲁", "shandong"), ("福建省", "Fujian", "闽", "fujian"),
    ("安徽省", "Anhui", "皖", "anhui"), ("江西省", "Jiangxi", "赣", "jiangxi"), ("河北省", "Hebei", "冀", "hebei"),
]
CITIES = [("郑州市", "Zhengzhou"), ("长沙市", "Changsha"), ("洛阳市", "Luoyang"), ("株洲市", "Zhuzhou"), ("邓州市", "Dengzhou"),
          ("娄底市", "Loudi"), ("宁波市", "Ningbo"), ("成都市", "Chengdu"), ("温州市", "Wenzhou"), ("苏州市", "Suzhou")]
ISSUER_SUFFIXES = [("人民政府办公厅", "General Office of the People's Government", "政办"), ("民政厅", "Department of Civil Affairs", "民"),
                   ("委组织部", "Party Committee Organisation Department", "组"), ("财政厅", "Department of Finance", "财")]
KINDS = ["notice", "plan", "action-plan", "opinion", "measures", "reply", "news-report", "journal-article"]
LEVELS = ["national", "provincial", "municipal", "county", "township", "community"]
STATUSES = ["in-force", "amended", "repealed", "unknown"]

THEME_A = ["社区", "基层", "城乡", "村级", "街道", "网格", "邻里", "乡镇", "农村", "城市", "居民", "志愿"]
THEME_B = ["养老", "治理", "服务", "减负", "协商", "自治", "法治", "德治", "救助", "党建", "文化", "安全",
           "卫生", "教育", "就业", "物业", "设施", "资金", "人才", "数字化", "应急", "环境", "托育", "调解"]
TERM_A = ["五社", "三治", "四议", "两委", "一站", "红色", "阳光", "和美", "幸福", "平安", "清廉", "智慧",
          "屋场", "院落", "楼栋", "板凳", "夜话", "民情", "连心", "暖心", "百姓", "乡贤", "积分", "清单",
          "众筹", "共建", "同心", "邻里", "小微", "网格"]
TERM_B = ["联动", "融合", "公开", "议事", "协商", "服务", "代办", "调解", "评议", "互助", "治理", "管理",
          "考评", "帮扶", "恳谈", "走访", "共享", "共治", "双报到", "微心愿", "大走访", "主题日", "工作室", "驿站",
          "会客厅", "议事会", "说事会", "直通车", "便民站", "夜市"]
TERM_C = ["工作法", "机制", "模式", "行动", "工程", "制度", "计划", "品牌", "做法", "经验"]
IND_A = ["城市社区", "农村社区", "城乡社区", "街道", "乡镇", "行政村", "全省社区", "县（市、区）", "新建住宅小区", "老旧小区",
         "易地扶贫搬迁安置社区", "民族地区社区", "边境地区村", "城中村", "城郊社区", "特大城市社区", "中小城市社区",
         "撤并村", "示范社区", "试点社区"]
IND_B = ["综合服务设施", "社会工作服务站", "养老服务设施", "卫生服务站", "志愿服务组织", "社区工作者", "社区社会组织",
         "便民服务点", "议事协商机构", "网格员", "党群服务中心", "儿童之家", "老年食堂", "日间照料中心", "物业服务",
         "业主委员会", "法律顾问", "心理服务站", "应急避难场所", "智慧社区平台", "快递服务站", "文化活动室",
         "体育健身设施", "家政服务网点", "托育服务设施", "残疾人康复站", "调解委员会", "村务监督委员会",
         "公共服务事项", "村规民约"]
IND_C = [("覆盖率", "coverage", "%", "%"), ("数量", "number", "个", "units"), ("占比", "share", "%", "%"),
         ("每万人数量", "per 10,000 residents", "个/万人", "per 10,000"), ("建筑面积", "floor area", "平方米", "m²"),
         ("达标率", "compliance rate", "%", "%"), ("参与率", "participation rate", "%", "%"),
         ("满意度", "satisfaction", "%", "%")]
TITLE_ENDINGS = ["通知", "意见", "方案", "办法"]
VILLAGES = ["油溪桥村", "桐木村", "青山社区", "金水社区", "红星村", "幸福里社区", "长乐村", "石门社区", "花园社区", "白沙村"]

ZH_VERBS = ["加快推进", "全面落实", "持续完善", "大力发展", "着力提升", "统筹推进", "健全", "深化", "规范", "巩固"]
ZH_OBJECTS = ["城乡社区服务体系", "基层治理体系", "社区综合服务能力", "村（居）民自治机制", "社区公共服务供给",
              "社区工作者队伍建设", "社区养老服务网络", "基层减负工作", "社区应急管理能力", "数字化社区建设"]
ZH_TAILS = ["，推动资源向基层下沉", "，形成共建共治共享格局", "，切实减轻基层负担", "，提升群众获得感",
            "，确保各项任务落到实处", "，建立长效机制", "，加强督促检查", "，鼓励各地探索创新"]
EN_WORDS = ["community", "service", "governance", "village", "residents", "facilities", "coverage", "province", "support",
            "improve", "establish", "mechanism", "consultation", "workers", "elderly", "care", "funding", "standard",
            "system", "grassroots", "pilot", "programme", "build", "strengthen", "local", "public", "social", "work"]


_SPREAD = 7919  # a prime that divides none of the list-length products used here


def _mixed_radix(index: int, lists: list[list[Any]]) -> tuple[list[Any], int]:
    """The index-th combination of one item from each list, and how often all combinations wrapped."""
    total = 1
    for items in lists:
        total *= len(items)
    wraps, rest = divmod(index, total)
    rest = rest * _SPREAD % total  # a bijection on range(total): spreads neighbours across all lists
    picks = []
    for items in reversed(lists):
        rest, digit = divmod(rest, len(items))
        picks.append(items[digit])
    return list(reversed(picks)), wraps


def _unique_zh(index: int, lists: list[list[str]]) -> str:
    picks, wraps = _mixed_radix(index, lists)
    text = "".join(picks)
    return f"{text}{wraps + 1}号" if wraps else text


def _bi(zh: str, en: str | None, rng: random.Random, missing_en: float = 0.05) -> dict[str, str]:
    if en is None or rng.random() < missing_en:
        return {"zh": zh}
    return {"zh": zh, "en": en, "en_status": "draft"}


def _en_sentence(rng: random.Random, words: int = 14) -> str:
    text = " ".join(rng.choice(EN_WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


@dataclass
class Plan:
    """Ids and names of every entry, decided before any file is written so references resolve."""

    n: int
    counts: dict[str, int]
    theme_ids: list[str] = field(default_factory=list)
    theme_names: list[str] = field(default_factory=list)
    indicator_ids: list[str] = field(default_factory=list)
    indicator_names: list[str] = field(default_factory=list)
    indicator_units: list[tuple[str, str]] = field(default_factory=list)
    term_ids: list[str] = field(default_factory=list)
    term_names: list[str] = field(default_factory=list)
    document_ids: list[str] = field(default_factory=list)
    # per document: clause ids and (fact id, quote) of facts that carry an id
    clauses: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    fact_ids: dict[str, list[str]] = field(default_factory=dict)
    fact_clauses: dict[str, str] = field(default_factory=dict)  # "document#fact" -> the clause it is stated in
    captures: dict[str, str] = field(default_factory=dict)  # document id -> its captured text


def entry_counts(n: int) -> dict[str, int]:
    """How many entries of each kind make up a corpus of ``n`` (the rest goes to documents)."""
    counts = {kind: max(1, int(n * share)) for kind, share in MIX.items() if kind != "document"}
    counts["theme"] = max(3, counts["theme"])
    counts["document"] = max(1, n - sum(counts.values()))
    return counts


def _plan(n: int) -> Plan:
    plan = Plan(n, entry_counts(n))
    for i in range(plan.counts["theme"]):
        plan.theme_ids.append(f"theme-{i + 1:04d}")
        plan.theme_names.append(_unique_zh(i, [THEME_A, THEME_B]))
    for i in range(plan.counts["indicator"]):
        (scope, subject, measure), wraps = _mixed_radix(i, [IND_A, IND_B, IND_C])
        plan.indicator_ids.append(f"indicator-{i + 1:05d}")
        plan.indicator_names.append(f"{scope}{subject}{measure[0]}" + (f"（口径{wraps + 1}）" if wraps else ""))
        plan.indicator_units.append((measure[2], measure[3]))
    for i in range(plan.counts["term"]):
        plan.term_ids.append(f"term-{i + 1:05d}")
        plan.term_names.append(_unique_zh(i, [TERM_A, TERM_B, TERM_C]))
    for i in range(plan.counts["document"]):
        province = PROVINCES[i % len(PROVINCES)]
        plan.document_ids.append(f"{province[3]}-{2010 + i % 15}-document-{i + 1:05d}")
    return plan


class Writer:
    """Builds every entry as plain data from a :class:`Plan` and writes it as YAML."""

    def __init__(self, plan: Plan, seed: int) -> None:
        self.plan = plan
        self.rng = random.Random(seed)

    # ----- shared bits -----
    def themes(self, low: int = 1, high: int = 3) -> list[str]:
        count = min(len(self.plan.theme_ids), self.rng.randint(low, high))
        return self.rng.sample(self.plan.theme_ids, count)

    def mention(self) -> str:
        """A term or indicator name, so the glossary linker finds something in running text."""
        if self.plan.term_names and (self.rng.random() < 0.5 or not self.plan.indicator_names):
            return self.rng.choice(self.plan.term_names)
        return self.rng.choice(self.plan.indicator_names)

    def zh_sentence(self, with_mention: bool = True) -> str:
        rng = self.rng
        mention = f"，推广“{self.mention()}”" if with_mention and rng.random() < 0.6 else ""
        return f"{rng.choice(ZH_VERBS)}{rng.choice(ZH_OBJECTS)}{mention}{rng.choice(ZH_TAILS)}。"

    def zh_text(self, sentences: int) -> str:
        return "".join(self.zh_sentence() for _ in range(sentences))

    def text(self, sentences: int = 2, missing_en: float = 0.05) -> dict[str, str]:
        return _bi(self.zh_text(sentences), _en_sentence(self.rng, 10 * sentences), self.rng, missing_en)

    def ref(self) -> str:
        """``document#clause`` (mostly), ``document#fact`` or a bare ``document``."""
        document_id = self.rng.choice(self.plan.document_ids)
        roll = self.rng.random()
        if roll < 0.15 and self.plan.fact_ids[document_id]:
            return f"{document_id}#{self.rng.choice(self.plan.fact_ids[document_id])}"
        if roll < 0.95:
            return f"{document_id}#{self.rng.choice(self.plan.clauses[document_id])[0]}"
        return document_id

    def source_quote(self) -> dict[str, str]:
        ref = self.ref()
        document_id, _, anchor = ref.partition("#")
        clause_texts = dict(self.plan.clauses[document_id])
        # a quote cited to a fact comes from the fact's clause (check verifies the quote is in the clause cited)
        anchor = self.plan.fact_clauses.get(ref, anchor)
        text = clause_texts.get(anchor) or self.plan.clauses[document_id][0][1]
        return {"ref": ref, "quote": text[: self.rng.randint(8, 24)]}

    # ----- entries -----
    def theme(self, i: int) -> dict[str, Any]:
        name = self.plan.theme_names[i]
        return {"id": self.plan.theme_ids[i], "name": _bi(name, f"Theme {i + 1}: {_en_sentence(self.rng, 3)[:-1]}", self.rng, 0),
                "description": self.text(1)}

    def indicator(self, i: int) -> dict[str, Any]:
        unit_zh, unit_en = self.plan.indicator_units[i]
        entry: dict[str, Any] = {
            "id": self.plan.indicator_ids[i],
            "name": _bi(self.plan.indicator_names[i], f"Indicator {i + 1}: {_en_sentence(self.rng, 4)[:-1]}", self.rng, 0),
            "aliases": [f"{self.plan.indicator_names[i]}（简称{i + 1}）"] if self.rng.random() < 0.3 else [],
            "unit": _bi(unit_zh, unit_en, self.rng, 0),
            "direction": self.rng.choice(["higher", "higher", "higher", "lower", "neutral"]),
            "definition": self.text(1),
            "themes": self.themes(1, 2),
        }
        if self.rng.random() < 0.1:
            entry["note"] = self.text(1)
        return entry

    def facts(self, province_zh: str, province_en: str, clause_list: list[tuple[str, str]]) -> tuple[list[dict[str, Any]], list[str]]:
        """0–5 facts about random indicators, each quoting the start of one of the document's clauses."""
        rng = self.rng
        facts = []
        fact_ids = []
        for f in range(rng.choice([0, 1, 2, 2, 3, 3, 4, 5])):
            indicator_index = rng.randrange(len(self.plan.indicator_ids))
            clause_id, clause_zh = rng.choice(clause_list)
            kind = rng.choice(["target", "observation", "observation", "standard"])
            value = rng.choice([rng.randint(1, 500), round(rng.uniform(1, 100), 1)])
            fact: dict[str, Any] = {}
            if rng.random() < 0.4:
                fact["id"] = f"{kind}-{f + 1}"
                fact_ids.append(fact["id"])
            fact.update({
                "indicator": self.plan.indicator_ids[indicator_index],
                "kind": kind,
                "comparator": rng.choice(["=", "=", ">=", "~", ">"]),
                "value": value,
            })
            if rng.random() < 0.1:
                fact["value_max"] = value + 10
            if kind == "target":
                fact["year"] = rng.randint(2015, 2030)
            elif rng.random() < 0.9:
                fact["year"] = rng.randint(2012, 2024)
            fact["scope"] = _bi(f"{province_zh}{rng.choice(IND_A)}", f"{rng.choice(EN_WORDS)} in {province_en}", rng)
            fact["clause"] = clause_id
            fact["quote"] = clause_zh[: rng.randint(8, 30)]
            if rng.random() < 0.2:
                fact["note"] = self.text(1)
            facts.append(fact)
        return facts, fact_ids

    def document(self, i: int) -> dict[str, Any]:
        """Plans the document's clauses and facts (``plan.clauses`` / ``plan.fact_ids``) and returns it."""
        rng = self.rng
        document_id = self.plan.document_ids[i]
        province_zh, province_en, abbreviation, _ = PROVINCES[i % len(PROVINCES)]
        year = 2010 + i % 15
        issuer_zh, issuer_en, issuer_code = rng.choice(ISSUER_SUFFIXES)
        issuer = _bi(f"{province_zh}{issuer_zh}", f"{issuer_en}, {province_en}", rng, 0)
        sections = []
        clause_list: list[tuple[str, str]] = []
        for s in range(rng.randint(2, 4)):
            clauses = []
            for c in range(rng.randint(2, 4)):
                zh = self.zh_text(rng.randint(2, 4))
                clause: dict[str, Any] = {"id": f"s{s}-{c + 1}", "text": _bi(zh, _en_sentence(rng, 30), rng)}
                if rng.random() < 0.5:
                    clause["label"] = f"（{'一二三四五六七八九十'[c]}）"
                    clause["heading"] = _bi(rng.choice(ZH_OBJECTS), _en_sentence(rng, 3)[:-1], rng)
                clauses.append(clause)
                clause_list.append((clause["id"], zh))
            section: dict[str, Any] = {"id": f"s{s}", "heading": _bi(rng.choice(ZH_OBJECTS), _en_sentence(rng, 4)[:-1], rng)}
            if s:
                section["label"] = f"{'一二三四五六七八九十'[s - 1]}、"
            section["clauses"] = clauses
            sections.append(section)
        facts, fact_ids = self.facts(province_zh, province_en, clause_list)
        self.plan.clauses[document_id] = clause_list
        self.plan.fact_ids[document_id] = fact_ids
        self.plan.fact_clauses.update({f"{document_id}#{fact['id']}": fact["clause"] for fact in facts if "id" in fact})
        kind = rng.choice(KINDS)
        entry: dict[str, Any] = {
            "id": document_id,
            "title": _bi(f"{province_zh}关于{rng.choice(ZH_VERBS)}{rng.choice(ZH_OBJECTS)}的{rng.choice(TITLE_ENDINGS)}（第{i + 1}号）",
                         f"{province_en} document {i + 1}: {_en_sentence(rng, 8)[:-1]}", rng, 0.02),
            "short_title": _bi(f"{province_zh}文件{i + 1}", f"{province_en} document {i + 1}", rng),
            "kind": kind,
            "doc_number": f"{abbreviation}{issuer_code}〔{year}〕{i + 1}号",
            "issuers": [issuer],
            "level": rng.choice(LEVELS),
            "region": _bi(province_zh, province_en, rng, 0),
            "written": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "year": year,
            "status": rng.choice(STATUSES),
            "reproduction": "summary" if kind in ("news-report", "journal-article") else "full",
            "source": {"url": f"https://example.org/{document_id}.html",
                       "publisher": _bi(f"{province_zh}{issuer_zh}", issuer_en, rng, 0),
                       "accessed": "2024-05-01", "capture": f"{document_id}.txt"},
            "summary": self.text(rng.randint(2, 4)),
            "themes": self.themes(1, 4),
            "sections": sections,
            "facts": facts,
        }
        # the capture prints what check looks up in it (issue 19): the document number and the date written
        self.plan.captures[document_id] = (f"{entry['doc_number']}\n{entry['written']}\n\n"
                                           + "\n\n".join(zh for _, zh in clause_list) + "\n")
        if kind in ("news-report", "journal-article"):
            entry["authors"] = [_bi(f"作者{i + 1}", f"Author {i + 1}", rng)]
        return entry

    def case(self, i: int) -> dict[str, Any]:
        rng = self.rng
        province_zh, province_en, _, _ = rng.choice(PROVINCES)
        city_zh, city_en = rng.choice(CITIES)
        place: dict[str, Any] = {"province": _bi(province_zh, province_en, rng, 0), "city": _bi(city_zh, city_en, rng, 0)}
        if rng.random() < 0.5:
            village = rng.choice(VILLAGES)
            place["village"] = _bi(village, village, rng, 0.5)
        term = rng.choice(self.plan.term_names) if self.plan.term_names else "议事"
        entry: dict[str, Any] = {
            "id": f"case-{i + 1:05d}",
            "name": _bi(f"{city_zh[:-1]}{term}{i + 1}号案例", f"Case {i + 1}: {_en_sentence(rng, 4)[:-1]}", rng, 0),
            "aliases": [f"{city_zh[:-1]}{term}工作法{i + 1}"] if rng.random() < 0.3 else [],
            "place": place,
            "years": sorted(rng.sample(range(2015, 2025), rng.randint(1, 2))),
            "summary": self.text(2),
            "background": self.text(2),
            "steps": [{"title": _bi(f"第{s + 1}步：{rng.choice(ZH_VERBS)}", f"Step {s + 1}", rng), "detail": self.text(1)}
                      for s in range(rng.randint(2, 4))],
            "outcomes": [{"text": self.text(1), "cites": [self.ref() for _ in range(rng.randint(0, 2))]}
                         for _ in range(rng.randint(1, 3))],
            "conditions": [self.text(1) for _ in range(rng.randint(0, 2))],
            "documents": sorted({self.ref() for _ in range(rng.randint(1, 3))}),
            "indicators": rng.sample(self.plan.indicator_ids, min(len(self.plan.indicator_ids), rng.randint(0, 2))),
            "terms": rng.sample(self.plan.term_ids, min(len(self.plan.term_ids), rng.randint(0, 2))),
            "themes": self.themes(1, 3),
            "sources": [self.source_quote() for _ in range(rng.randint(1, 2))],
        }
        return entry

    def term(self, i: int) -> dict[str, Any]:
        rng = self.rng
        name = self.plan.term_names[i]
        definitions = []
        for _ in range(rng.choice([1, 1, 1, 2])):
            province_zh, province_en, _, _ = rng.choice(PROVINCES)
            definition: dict[str, Any] = {"text": self.text(rng.randint(1, 2))}
            if rng.random() < 0.6:
                definition["region"] = _bi(province_zh, province_en, rng, 0)
            definition["source"] = self.source_quote()
            definitions.append(definition)
        others = [t for t in rng.sample(self.plan.term_ids, min(len(self.plan.term_ids), 3)) if t != self.plan.term_ids[i]]
        return {
            "id": self.plan.term_ids[i],
            "name": _bi(name, f"Term {i + 1} ({_en_sentence(rng, 2)[:-1]})", rng, 0),
            "aliases": [f"{name}工作"] if rng.random() < 0.2 else [],
            "definitions": definitions,
            "related": others[: rng.randint(0, 2)],
            "themes": self.themes(1, 2),
        }


class _Dumper(yaml.CSafeDumper if hasattr(yaml, "CSafeDumper") else yaml.SafeDumper):  # type: ignore[misc]
    """Never writes anchors or aliases (the loader rejects them)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _dump(data: dict[str, Any], path: Path) -> None:
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
    path.write_text(text, encoding="utf-8")


def copy_site_files(out: Path) -> None:
    """The repository's mkdocs.yml, overrides/ and docs/, so ``compendium build --root out`` works."""
    shutil.copy2(REPO / "mkdocs.yml", out / "mkdocs.yml")
    for folder in ("overrides", "docs"):
        shutil.copytree(REPO / folder, out / folder, dirs_exist_ok=True)


def generate(n: int, out: Path, seed: int = 1, force: bool = False) -> dict[str, int]:
    """Write a corpus of ``n`` entries (plus the site files) into ``out``; return the counts."""
    if out.exists():
        if not force and any(out.iterdir()):
            raise SystemExit(f"{out} exists and is not empty (use --force to replace it)")
        shutil.rmtree(out)
    plan = _plan(n)
    writer = Writer(plan, seed)
    for folder in FOLDERS.values():
        (out / folder).mkdir(parents=True, exist_ok=True)
    # Documents first: cases and terms cite their clauses and facts.
    order = ["theme", "indicator", "term", "document", "case"]
    makers = {"theme": writer.theme, "indicator": writer.indicator, "document": writer.document,
              "case": writer.case, "term": writer.term}
    entries: dict[str, list[dict[str, Any]]] = {kind: [] for kind in order}
    for kind in ("theme", "indicator", "document", "case", "term"):
        entries[kind] = [makers[kind](i) for i in range(plan.counts[kind])]
    for kind in order:
        for entry in entries[kind]:
            _dump(entry, out / FOLDERS[kind] / f"{entry['id']}.yml")
    captures = out / "sources" / "captures"
    captures.mkdir(parents=True, exist_ok=True)
    for document_id, text in plan.captures.items():
        (captures / f"{document_id}.txt").write_text(text, encoding="utf-8")
    copy_site_files(out)
    return plan.counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic corpus of N valid entries.")
    parser.add_argument("n", type=int, help="number of entries")
    parser.add_argument("out", type=Path, help="folder to write (policies/, casebook/, … plus mkdocs.yml)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--force", action="store_true", help="replace the folder if it exists")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    counts = generate(args.n, args.out, args.seed, args.force)
    seconds = time.perf_counter() - started
    summary = ", ".join(f"{count} {kind}s" for kind, count in counts.items())
    print(f"{sum(counts.values())} entries ({summary}) written to {args.out} in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
