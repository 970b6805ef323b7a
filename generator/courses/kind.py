"""The course as a kind of file (generator/content/kinds.py): ``courses/<id>.yml``, its model, names and form.

A course is not an entry of the corpus: it pulls entries in, and generator/courses/checks.py checks it against
the linked corpus. The command line adds this kind to the corpus's (``CORPUS_KINDS.adding(COURSE)``) wherever
every kind of file is meant: scaffolds, schemas, the web form, the preview's watch list.
"""

from __future__ import annotations

from generator.content.kinds import CORPUS_KINDS, FormSpec, Kind
from generator.courses.model import FORMAT_NAMES, GROUPING_NAMES, METHOD_NAMES, QUIZ_KIND_NAMES, Course

COURSE = Kind(
    "course", "courses", "courses", "courses", Course, "title", "课程", "course", ("培训课程", "Training courses"),
    # everything but the quiz, whose answer is a letter, a list of letters or true/false (one field the form cannot
    # offer); a quiz written in the file survives a save untouched
    form=FormSpec("培训课程", rank=6, omit=frozenset({"quiz"})),
    in_corpus=False,
    choices=(METHOD_NAMES, GROUPING_NAMES, QUIZ_KIND_NAMES, FORMAT_NAMES),
    skeleton_note=(
        "# 案例、条款、指标和术语按 id 引用：网页表单（compendium cms）里从列表中选（条款可按文字查找）；",
        "# 手写时，compendium check 会核对 id 并提示最接近的 id。",
        "# 课程文字只写教学安排；事实和数字只来自引用的条目。",
        "# 写好后运行 compendium check 本文件，再运行 compendium course 课程id。",
        "# Cases, clauses, indicators and terms are pulled by id: pick them from lists in the web form (clauses by",
        "# their words); written by hand, compendium check verifies each id and suggests the nearest.",
        "# Facts and figures come only from what is pulled. Then run compendium check on this file,",
        "# and compendium course ID for the pack.",
    ),
)

# Every kind of file in a project: the corpus's and the course.
ALL_KINDS = CORPUS_KINDS.adding(COURSE)
