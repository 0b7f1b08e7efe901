"""The unit and year an editor names for a new plan (`civplan new`, `civplan import --unit
--year`), checked one way before any file is written. The year's range is the schema's."""

from __future__ import annotations

from civplan.model import lifecycle
from civplan.model.errors import InputError
from civplan.model.schema import field_schema


def check_unit(unit: str, named: str = "单位名称") -> str:
    """The unit's full name, stripped; no blank or template code in it. `named`: what the
    message calls it (the option `--unit ` where one was given)."""
    if len(unit.strip()) < 2 or "〔" in unit or "{" in unit:
        raise InputError(f"{named}“{unit}”不可用：请写单位全称，例如“示例市第三人民医院”。")
    return unit.strip()


def check_year(year: str | int, named: str = "年度") -> int:
    """A year as a number, within the range the schema allows for `year`; `named` as above."""
    bounds = field_schema(("year",))
    low, high = bounds["minimum"], bounds["maximum"]
    text = str(year).strip()
    if not text.isdigit():
        example = lifecycle.today().year
        raise InputError(f"{named}“{text}”不是数字，请填写四位年份，例如 {example}。")
    if not low <= int(text) <= high:
        raise InputError(f"{named} {text} 超出范围：请填写 {low} 到 {high} 之间的四位年份。")
    return int(text)
