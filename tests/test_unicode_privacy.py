"""Issue 28 items 5 and 6, issue 23 item 6: text is compared as readers see it.

A zero-width space, a Kangxi radical or a trailing ideographic space made two directory rows
look the same without duplicate-title firing; a title of Hangul fillers showed as nothing; a
right-to-left override showed a phone number other than the one stored. Mobile numbers with
separators or a country code, and ID numbers in full-width digits, with a zero-width space
inside or split by emphasis, passed the privacy rules. Each case runs `civplan check` on a
folder of plan files as an editor would, and reads its output and exit code.
"""

from __future__ import annotations

import sys
import unicodedata
from io import StringIO
from pathlib import Path

import pytest

from civplan.cli import commands
from civplan.model.text import as_read

from conftest import SAMPLE

TEXT = SAMPLE.read_text("utf-8")
TITLE = "示例市第一人民医院2026年创建市级文明单位实施方案"
ID = "990101198506121238"  # a valid check digit, in the 99 region no one has
ZWSP, RLO, PDF = "\u200b", "\u202e", "\u202c"


def check(folder: Path, plans: dict[str, str]) -> tuple[int, str]:
    """`civplan check <folder>` over these plan files; (exit code, printed lines)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in plans.items():
        (folder / name).write_text(text, "utf-8")
    out = StringIO()
    code = commands.check([str(folder)], out=out)
    return code, out.getvalue()


def retitled(title: str) -> str:
    assert TITLE in TEXT
    return TEXT.replace(f"title: {TITLE}", f'title: "{title}"', 1)


def with_body(extra: str) -> str:
    return TEXT + "\n" + extra + "\n"


def rules_of(output: str) -> list[str]:
    return [line.rsplit("[", 1)[1].rstrip("]") for line in output.splitlines() if "[" in line]


@pytest.mark.parametrize(
    "twin",
    [
        pytest.param(TITLE.replace("人民", f"人{ZWSP}民"), id="zero-width-space"),
        pytest.param(TITLE.replace("人", "\u2f08"), id="kangxi-radical"),
        pytest.param(TITLE + "\u3000", id="trailing-ideographic-space"),
        pytest.param(TITLE.replace("2026", "２０２６"), id="full-width-digits"),
    ],
)
def test_a_title_that_looks_the_same_is_a_duplicate(tmp_path, twin):
    copy = retitled(twin).replace("name: 示例市第一人民医院", "name: 示例市第一人民医院分院", 1)
    code, output = check(tmp_path, {"a.md": TEXT, "b.md": copy})
    assert code == 1
    assert "duplicate-title" in rules_of(output), output


def test_a_zero_width_space_in_metadata_is_refused_by_its_code(tmp_path):
    code, output = check(tmp_path, {"a.md": retitled(TITLE.replace("人民", f"人{ZWSP}民"))})
    assert code == 1
    line = next(line for line in output.splitlines() if "[invisible-character]" in line)
    assert line.startswith(f"{tmp_path}/a.md:2: 错误 ") and "U+200B" in line, output


def test_a_kangxi_radical_in_the_unit_name_gives_the_same_address(tmp_path):
    copy = TEXT.replace("name: 示例市第一人民医院", "name: 示例市第一\u2f08民医院", 1)
    copy = copy.replace(f"title: {TITLE}", "title: 另一个标题的实施方案", 1)
    code, output = check(tmp_path, {"a.md": TEXT, "b.md": copy})
    assert code == 1 and "duplicate-slug" in rules_of(output), output


def test_a_title_of_hangul_fillers_is_refused_as_blank(tmp_path):
    code, output = check(tmp_path, {"a.md": retitled("\u3164\u115f\u1160\uffa0")})
    assert code == 1
    assert "looks-empty" in rules_of(output), output
    assert "U+3164" in output


def test_a_right_to_left_override_is_refused_in_metadata_and_in_the_body(tmp_path):
    address = "address: 示例市健康路1号"
    assert address in TEXT
    meta = TEXT.replace(address, f"address: 示例市健康路{RLO}1号{PDF}", 1)
    code, output = check(tmp_path / "meta", {"a.md": meta})
    assert code == 1 and "U+202E" in output and "invisible-character" in rules_of(output)
    code, output = check(
        tmp_path / "body", {"a.md": with_body(f"值班电话：{RLO}9999888-1750{PDF}")}
    )
    assert code == 1, output  # a warning would pass check and still stop the strict build
    assert rules_of(output) == ["body-invisible-character"] and "错误" in output


MOBILES = [
    "139-1234-5678",
    "139 1234 5678",
    "139.1234.5678",
    "(+86)13912345678",
    "（+86）139 1234 5678",
    "+86 139-1234-5678",
    "0086-13912345678",
    "１３９１２３４５６７８",
    f"139{ZWSP}1234{ZWSP}5678",
    "139**1234**5678",
]


@pytest.mark.parametrize("mobile", MOBILES)
def test_a_mobile_with_separators_is_found_in_the_body(tmp_path, mobile):
    code, output = check(tmp_path, {"a.md": with_body(f"联系人：赵丽，手机 {mobile}。")})
    assert code == 1 and "mobile-number" in rules_of(output), output
    assert "139****5678" in output


@pytest.mark.parametrize("mobile", MOBILES[:7])
def test_a_mobile_with_separators_is_found_in_metadata(tmp_path, mobile):
    duty = "duty: 负责资料汇总和宣传报道"
    assert duty in TEXT
    code, output = check(tmp_path, {"a.md": TEXT.replace(duty, f'{duty}，手机"{mobile}"', 1)})
    assert code == 1 and "mobile-number" in rules_of(output), output


@pytest.mark.parametrize(
    "landline",
    ["0571-88889999", "(010) 6552 1234", "（0571）8888 9999", "010-65521234-801", "2026-03-01"],
)
def test_a_landline_or_a_date_is_not_called_a_mobile(tmp_path, landline):
    code, output = check(tmp_path, {"a.md": with_body(f"值班电话：{landline}。")})
    assert code == 0 and "mobile-number" not in rules_of(output), output


@pytest.mark.parametrize(
    "written",
    [
        pytest.param(
            ID.translate(str.maketrans("0123456789", "０１２３４５６７８９")), id="full-width"
        ),
        pytest.param(ID[:6] + ZWSP + ID[6:], id="zero-width-space"),
        pytest.param(f"{ID[:4]}**{ID[4:8]}**{ID[8:]}", id="emphasis"),
        pytest.param(f"{ID[:6]} {ID[6:14]} {ID[14:]}", id="spaces"),
        pytest.param(f"{ID[:6]}_{ID[6:]}_", id="underscore-emphasis"),
    ],
)
def test_an_id_number_written_to_slip_past_is_found(tmp_path, written):
    code, output = check(tmp_path, {"a.md": with_body(f"联络员赵丽，身份证号 {written}。")})
    assert code == 1 and "id-number" in rules_of(output), output
    assert "990***********1238" in output


def test_as_read_folds_what_readers_cannot_tell_apart():
    assert as_read(f" \u2f08民{ZWSP}医院\u3000") == "人民医院"
    assert as_read("\u3164\u115f\u1160\uffa0\ufe0f") == ""
    assert as_read(f"{RLO}0571{PDF}") == "0571"


def test_the_format_characters_are_every_unicode_cf():
    """The list in civplan.model.text is written out for speed; Python's Unicode data is the truth."""
    missing = [
        f"U+{code:04X}"
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) == "Cf" and as_read(f"a{chr(code)}b") != "ab"
    ]
    assert missing == []
