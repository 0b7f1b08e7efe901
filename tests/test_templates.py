"""The site's markup lives in civplan/site/templates/, and its README lists every piece."""

import re
from pathlib import Path

import civplan
from civplan.site.markup import FOLDER

CLASS = re.compile(r"civ-[a-z0-9_-]*")


def test_no_module_writes_a_civ_class_outside_the_templates():
    writers = [
        str(path.relative_to(Path(civplan.__file__).parent))
        for path in Path(civplan.__file__).parent.rglob("*.py")
        if re.search(r"class=\\?[\"'][^\"']*civ-", path.read_text("utf-8"))
    ]
    assert writers == []


def test_the_readme_names_every_template_and_each_of_its_classes():
    readme = (FOLDER / "README.md").read_text("utf-8")
    missing = [
        f"{path.name}: {name}"
        for path in sorted(FOLDER.glob("*.html"))
        for name in [path.name, *CLASS.findall(path.read_text("utf-8"))]
        if name not in readme
    ]
    assert missing == []
