"""The status-rules page (``reference/status-rules.md``): how every indicator status is decided, in zh and en.

Each status has its own section, anchored by its code, so that every badge on the site can
link to the rule that produced it. The names come from :data:`STATUS_NAMES`, the thresholds
from :mod:`generator.content.status`, so the page cannot drift from the code.
"""

from __future__ import annotations

from generator.content.status import ON_TRACK_RATIO, STATUS_NAMES

RULES_PAGE = "reference/status-rules.md"

_INTRO = {
    "zh": """\
指标页上的状态由程序根据文件中的目标和观测值算出，编辑不能直接填写。规则的原则是：**状态不能比数据说得更多**。
每个目标单独判断，指标的“当前状态”取期限最晚的目标；只有没写期限的目标时取“没写期限”。

**比较什么。** 观测值只与**同一口径**的目标比较：两者的 `scope_id`（口径标识）相同（都不写也算相同），且所在文件的地区相同。
口径不同的观测值不参与判断，页面说明原因。

**年份。** 原文写明的年份照用。原文没写、由编者推定的年份（`year_basis: inferred`，或“‘十四五’末”之类的规划期末，
`period-end`）在页面上标为“推定”。没有写年份的观测值不当作所在文件那一年的数值：它只说明“到该文件发布的年份时”已是这个数值；
所在文件也没有年份的，不用于判断。

**页面上的说法与统计术语。** 指标页用日常说法，本页用统计术语，二者的对应是：“报告的数值”即**观测值**（文件报告的某年实际数值）；
“统计范围”即**口径**（数值统计的是哪些对象，由 `scope_id` 和文件地区确定），“统计范围不同”即口径不同；“截止年”即目标的期限年份；
“怎么得出的”即**推算过程**；指标没有“越高越好”或“越低越好”之分时（方向为 neutral，无方向），页面不显示方向。
""",
    "en": """\
The statuses on indicator pages are computed from the targets and observations in the documents; editors cannot enter them.
The principle: **a status never claims more than the data shows.** Each target is judged on its own; an indicator's
“current status” is that of its target with the latest deadline, or “no deadline” when all its targets are undated.

**What is compared.** An observation is compared only with targets of **the same scope**: the same `scope_id` (both
absent counts as the same) and documents of the same region. Observations of another scope are left out, and the page
says why.

**Years.** A year printed in the source is used as it is. A year the editor worked out (`year_basis: inferred`, or the
end of a plan period such as the 14th Five-Year period, `period-end`) is marked as inferred on the page. An observation
with no year is not taken as a value for its document's year: it only shows the value held *by* the year of that
document; when the document has no year either, it is not used.

**Page words and statistical terms.** Indicator pages use everyday words; this page the statistical terms. A “reported
value” is an **observation** (a value a document reports for a year); “what is counted” is the **scope** (`scope_id` and
the document's region), and “not comparable” means the scopes differ; the “deadline year” is the target's year; “how this
was worked out” is the **working**. Where neither higher nor lower is better (direction neutral), no direction is shown.
""",
}

# status -> (zh rule, en rule)
_RULES: dict[str, tuple[str, str]] = {
    "achieved": (
        "截止年或之前的同口径观测值（取最晚的一个）达到了目标。没有写年份的观测值，若所在文件早于截止年且数值已达到，也算。",
        "The latest observation of the same scope dated at or before the deadline meets the target. An observation with "
        "no year counts too when its document dates from no later than the deadline.",
    ),
    "met-after-deadline": (
        "截止年或之前的观测值显示未达到，而截止年之后的观测值显示已达到。",
        "An observation at or before the deadline shows the target unmet, and a later one shows it met.",
    ),
    "missed": (
        "截止年当年的观测值显示未达到，且其后没有观测值显示已达到。只因日期已过、却没有截止年数据时，不判“未实现”。",
        "The observation for the deadline year shows the target unmet and no later one shows it met. A target is never "
        "“missed” just because its date has passed without data for that year.",
    ),
    "no-data-at-deadline": (
        "期限已过，但没有截止年的观测值能说明是否按期实现。页面照实说明已知的情况，例如“截止年没有数据；2020年已达到”"
        "或“截止年没有数据；最新为2022年的12.7”。",
        "The deadline has passed and no observation shows whether the target was met in time. The page says what is "
        "known, e.g. “no data for the deadline year; met by 2020” or “no data for the deadline year; latest 12.7 in 2022”.",
    ),
    "on-track": (
        "期限未到，尚未达到，且按 Open SDG 的复合年均增长率方法判断能如期实现。实际年均增长率：从最早到最新的同口径观测值，"
        "（最新值 ÷ 最早值）开（两者相隔年数）次方，再减 1。所需年均增长率：从最早观测值到期限达到目标，"
        "（目标值 ÷ 最早值）开（两者相隔年数）次方，再减 1。"
        f"实际增长率不低于所需增长率的 {ON_TRACK_RATIO:.0%}，为“进展顺利”。推算过程列出两个增长率及其所用的数值和年份。",
        "The deadline has not passed, the target is not yet met, and Open SDG's compound-annual-growth-rate method says it "
        "will be met in time. Observed growth a year: from the earliest to the latest observation of the same scope, the "
        "latest value divided by the earliest, raised to the power of one over the years between them, minus 1. Growth "
        "needed a year: the target value divided by the earliest value, raised to the power of one over the years from "
        f"the earliest observation to the deadline, minus 1. When the observed growth is at least {ON_TRACK_RATIO:.0%} of "
        "the growth needed, the target is on track. The working lists both rates with the values and years they come from.",
    ),
    "off-track": (
        f"同上，但实际增长率不到所需增长率的 {ON_TRACK_RATIO:.0%}（含负增长）。",
        f"As above, but the observed growth is less than {ON_TRACK_RATIO:.0%} of the growth needed (or negative).",
    ),
    "trend-unknown": (
        "期限未到，尚未达到，但只有一个年份的观测值（或数值为零、负数），算不出增长率，不判断趋势。",
        "The deadline has not passed and the target is not yet met, but there are observations for one year only (or "
        "zero or negative values), so no growth rate and no trend.",
    ),
    "no-deadline": (
        "原文没有写期限的目标，一律显示“没写期限”，不判断是否实现；“怎么得出的”说明最新的同口径观测值是否已达到该数值。",
        "Every target whose source gives no deadline is shown as “no deadline given” and not judged; the working says whether the "
        "latest observation of the same scope reaches the figure.",
    ),
    "scope-differs": (
        "有观测值，但口径（`scope_id` 或地区）都与目标不同，不可比，不给出状态；页面列出两边的口径。",
        "There are observations, but all of another scope (`scope_id` or region) than the target's; they cannot be "
        "compared, so no status is given, and the page shows both scopes.",
    ),
    "no-data": (
        "有目标，但没有任何观测值（或只有年份和文件年份都不明的观测值）。",
        "There is a target but no observation (or only observations with no year in documents with no year).",
    ),
    "no-target": (
        "指标只有观测值或标准，没有目标，不判断。",
        "The indicator has observations or standards but no target; nothing to judge.",
    ),
}

_SOURCE = {
    "zh": "增长率方法见 Open SDG 的《Progress Measurement Methodology》（据加拿大统计局与欧盟统计局的方法）；"
          f"本站只用其“有数量目标”的情形和 {ON_TRACK_RATIO:.0%} 这一界线，分为“进展顺利”与“进度滞后”两类。",
    "en": "The growth-rate method is Open SDG's “Progress Measurement Methodology” (after Statistics Canada and Eurostat); "
          f"this site uses its case of indicators with a quantitative target and its {ON_TRACK_RATIO:.0%} threshold, "
          "giving two classes, on track and off track.",
}


def status_rules_page(lang: str) -> str:
    """The Markdown of the rules page in ``lang``: one section per status, anchored by its code."""
    index = 1 if lang == "en" else 0
    title = "Status rules" if lang == "en" else "指标状态规则"
    lines = [f"# {title}", "", _INTRO[lang]]
    for code, names in STATUS_NAMES.items():
        lines += [f"## {names[index]} {{#{code}}}", "",
                  f'<span class="status status-{code}">{names[index]}</span> {_RULES[code][index]}', ""]
    lines += ["---", "", _SOURCE[lang], ""]
    return "\n".join(lines)
