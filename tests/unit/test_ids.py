"""normalise_name folds width with one translate table: the same as NFKC on exactly the characters it lists."""

from __future__ import annotations

import unicodedata

from kg.ids import normalise_name

FOLDED = {*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B), *map(ord, "％＋＆．／")}


def test_width_folding_changes_only_full_width_digits_letters_and_five_signs() -> None:
    for code in range(0x21, 0x30000):
        char = chr(code)
        if 0xD800 <= code < 0xE000 or normalise_name(char) == "":  # surrogates; whitespace and quotes drop
            continue
        expected = unicodedata.normalize("NFKC", char) if code in FOLDED else char
        assert normalise_name(char) == expected, hex(code)
    assert normalise_name("ＲＡＭ芯片　“２０２１”年％") == "RAM芯片2021年%"


def test_a_notes_number_inside_a_name_does_not_make_another_entity() -> None:
    for printed, plain in [("“五地增绿”⑭行动", "五地增绿行动"), ("“零关税”清单[1]", "零关税清单"),
                           ("“险资入达”^[3]", "险资入达"), ("“五社联动”（56）机制", "五社联动机制"),
                           ("玉\n\n— 17 —\n\n米单产“提百斤”示范行动", "玉米单产“提百斤”示范行动")]:
        assert normalise_name(printed) == normalise_name(plain)
    for kept in ["（1）加快建设", "第(2)条", "S205(3)线"]:  # not after a closing quote: a number of the name
        assert normalise_name(kept) == kept
