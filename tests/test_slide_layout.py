"""How text is cut and spread over slides (generator/courses/deck.py): nothing lost, leads kept with their text,
source lines with what they cite, no slide left holding one line, numbers never cut at their comma."""

from __future__ import annotations

from generator.courses.deck import BODY_SIZE, SMALL_SIZE, Para, excerpt, fit_text, lines_of, paginate

WIDTH, HEIGHT = 8_000_000, 4_200_000  # about the default layout's body box, in EMU
SENTENCE = "社区工作者要按户数配备，每个社区至少配备一名专职人员，并定期参加培训。"


def _texts(pages: list[list[Para]]) -> str:
    return "".join(para.text for page in pages for para in page)


def test_a_lead_is_never_the_last_line_of_a_slide_and_a_source_never_the_first() -> None:
    paras: list[Para] = []
    for number in range(12):
        paras += [Para(f"要点 {number}", bold=True), Para(SENTENCE * 2, bullet=True),
                  Para(f"《规划》 七、（{number}）", SMALL_SIZE, grey=True)]
    pages = paginate(paras, WIDTH, HEIGHT)
    assert len(pages) > 2
    for page in pages:
        assert not page[-1].bold, [para.text for para in page]
        assert not page[0].grey, [para.text for para in page]
    assert _texts(pages) == "".join(para.text for para in paras)  # every word, once, in order


def test_the_last_slide_is_not_left_with_one_line() -> None:
    paras = [Para(SENTENCE, bullet=True) for _ in range(9)]
    pages = paginate(paras, WIDTH, HEIGHT)
    assert len(pages) == 2
    assert abs(len(pages[0]) - len(pages[1])) <= 1, [len(page) for page in pages]


def test_a_long_paragraph_continues_on_the_next_slide_without_a_second_bullet() -> None:
    pages = paginate([Para(SENTENCE * 14, bullet=True)], WIDTH, HEIGHT)
    assert len(pages) >= 2
    assert not pages[0][0].continued
    assert all(page[0].continued for page in pages[1:])
    assert _texts(pages) == SENTENCE * 14
    for page in pages:  # each piece ends at a sentence
        assert page[-1].text.endswith("。")


def test_fit_text_cuts_at_a_phrase_but_never_inside_a_number() -> None:
    text = "建成乡镇（街道）社工站 1,507 个，" * 12
    cut = fit_text(text, BODY_SIZE, WIDTH, 3)
    assert cut.endswith("……") and lines_of(cut, BODY_SIZE, WIDTH) <= 3
    assert not cut.endswith("1……") and not cut.endswith(",……"), cut
    assert "1,507" in cut


def test_english_excerpts_use_one_spaced_ellipsis() -> None:
    text = "First sentence here. The quoted words are in this one. A last sentence."
    assert excerpt(text, ["quoted words"], "…") == "… The quoted words are in this one. …"
    assert excerpt("一句。引用的话在这里。最后一句。", ["引用的话"]) == "……引用的话在这里。……"
