"""The file names of a course pack, shared by the pack writer and the course pages that link to them.

ASCII names on purpose: zip tools on older Windows garble other names.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PackFile:
    """One file of a pack: what it is (zh, en) and its name."""

    zh: str
    en: str
    name: str


def pack_name(course_id: str, lang: str) -> str:
    """The stem shared by a pack's files: the course id, with ``-en`` for English."""
    return course_id if lang == "zh" else f"{course_id}-en"


def pack_files(course_id: str, lang: str, quiz: bool, pdf: bool) -> dict[str, PackFile]:
    """Every file of the pack by role (``zip`` first), in the order the pages list them."""
    name = pack_name(course_id, lang)
    files = {
        "zip": PackFile("全部材料（zip）", "Everything (zip)", f"{name}.zip"),
        "handbook": PackFile("学员手册（Word/WPS）", "Learner handbook (Word/WPS)", f"{name}-handbook.docx"),
        "lesson_plan": PackFile("教案（Word/WPS）", "Lesson plan (Word/WPS)", f"{name}-lesson-plan.docx"),
        "pdf": PackFile("A4 讲义（PDF，可打印）", "A4 handout (PDF, to print)", f"{name}-handout-a4.pdf"),
        "slides": PackFile("幻灯片（PowerPoint/WPS）", "Slides (PowerPoint/WPS)", f"{name}-slides.pptx"),
        "gift": PackFile("测验：Moodle GIFT", "Quiz: Moodle GIFT", f"{name}-quiz.gift.txt"),
        "wjx": PackFile("测验：问卷星批量导入文本", "Quiz: 问卷星 (Wenjuanxing) batch text", f"{name}-quiz-wjx.txt"),
        "xlsx": PackFile("测验：Excel 表格", "Quiz: spreadsheet (XLSX)", f"{name}-quiz.xlsx"),
        "readme": PackFile("说明", "Read me", f"{name}-README.txt"),
    }
    if not pdf:
        del files["pdf"]
    if not quiz:
        for role in ("gift", "wjx", "xlsx"):
            del files[role]
    return files
