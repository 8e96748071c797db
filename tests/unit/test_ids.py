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
