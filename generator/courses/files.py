"""The file names of a course pack, shared by the pack writer and the course pages that link to them.

A pack has two halves. The learner half (handbook, A4 handout, read-me, one zip) carries no answers
and is what the public course page links. The instructor half (lesson plan, slides with the quiz
answers and speaker notes, the quiz with answers for Moodle, 问卷星 and Excel, its own read-me, and
one zip holding both halves) is linked only from the instructor page, which no page links, search
engines are asked not to index, and the sitemap leaves out.
ASCII names on purpose: zip tools on older Windows garble other names.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PackFile:
    """One file of a pack: what it is (zh, en), its name, and whether it is for instructors only."""

    zh: str
    en: str
    name: str
    instructor: bool = False


def pack_name(course_id: str, lang: str) -> str:
    """The stem shared by a pack's files: the course id, with ``-en`` for English."""
    return course_id if lang == "zh" else f"{course_id}-en"


def pack_files(course_id: str, lang: str, quiz: bool, pdf: bool) -> dict[str, PackFile]:
    """Every file of the pack by role, learner files first (``zip`` first), in the order the pages list them."""
    name = pack_name(course_id, lang)
    files = {
        "zip": PackFile("学员材料（zip）", "Learner materials (zip)", f"{name}.zip"),
        "handbook": PackFile("学员手册（Word/WPS）", "Learner handbook (Word/WPS)", f"{name}-handbook.docx"),
        "pdf": PackFile("A4 讲义（PDF，可打印）", "A4 handout (PDF, to print)", f"{name}-handout-a4.pdf"),
        "readme": PackFile("说明", "Read me", f"{name}-README.txt"),
        "instructor_zip": PackFile("教师材料（zip，含学员材料）", "Instructor pack (zip, learner materials included)",
                                   f"{name}-instructor.zip", True),
        "lesson_plan": PackFile("教案（Word/WPS）", "Lesson plan (Word/WPS)", f"{name}-lesson-plan.docx", True),
        "slides": PackFile("幻灯片（PowerPoint/WPS，含答案和讲稿备注）", "Slides (PowerPoint/WPS, with answers and speaker notes)",
                           f"{name}-slides.pptx", True),
        "gift": PackFile("测验（含答案）：Moodle GIFT", "Quiz with answers: Moodle GIFT", f"{name}-quiz.gift.txt", True),
        "wjx": PackFile("测验（含答案）：问卷星批量导入文本", "Quiz with answers: 问卷星 (Wenjuanxing) batch text",
                        f"{name}-quiz-wjx.txt", True),
        "xlsx": PackFile("测验（含答案）：Excel 表格", "Quiz with answers: spreadsheet (XLSX)", f"{name}-quiz.xlsx", True),
        "instructor_readme": PackFile("教师说明", "Read me (instructors)", f"{name}-instructor-README.txt", True),
    }
    if not pdf:
        del files["pdf"]
    if not quiz:
        for role in ("gift", "wjx", "xlsx"):
            del files[role]
    return files


def learner_files(files: dict[str, PackFile]) -> dict[str, PackFile]:
    """The public half: no answers."""
    return {role: item for role, item in files.items() if not item.instructor}


def instructor_files(files: dict[str, PackFile]) -> dict[str, PackFile]:
    """The instructors' half."""
    return {role: item for role, item in files.items() if item.instructor}


INSTRUCTOR_PAGE_SUFFIX = "-instructor.html"  # courses/<id>-instructor.html (generator/site/course_pages.py)
_INSTRUCTOR_FILE_ENDINGS = tuple(item.name.removeprefix("x") for item in pack_files("x", "zh", quiz=True, pdf=True).values()
                                 if item.instructor)


def instructor_only(relative: str) -> bool:
    """Whether a path of the built site (``courses/x-instructor.html``, ``downloads/courses/x/x-quiz.xlsx``, in either
    language) is instructor material, to be left out of whatever carries the site to learners (offline copies)."""
    parts = relative.split("/")
    if parts[0] == "en":
        parts = parts[1:]
    if len(parts) == 2 and parts[0] == "courses" and parts[1].endswith(INSTRUCTOR_PAGE_SUFFIX):
        return True
    name = parts[-1]
    return parts[:2] == ["downloads", "courses"] and name.endswith(_INSTRUCTOR_FILE_ENDINGS)
