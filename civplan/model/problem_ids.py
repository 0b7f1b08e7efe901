"""Every problem id there is, in one registry: what the check requires (the rules page lists
it), how serious a breach is, and for the ids about the tree or the history rather than a
file's text, the setup that shows one.

The rules of civplan.check.rules add themselves here when they are registered; the ids below
are minted elsewhere (the loader, the schema's translator, the checks across plans, the tree
walk, `civplan changes`, `civplan export`). tests/test_rules.py fails when a module makes a
Problem with an id this registry does not hold, and when an id has no example.
"""

from __future__ import annotations

from dataclasses import dataclass

from civplan.model.problems import ERROR


@dataclass(frozen=True)
class ProblemId:
    id: str
    title: str
    """What the check requires, in a sentence an editor reads on the rules page."""
    severity: str = ERROR
    setup: str = ""
    """For an id about the tree, the history or several files: the setup its example builds
    (tests/problem_setups.py builds it; the rules page shows these words)."""


IDS: dict[str, ProblemId] = {}


def register(problem_id: str, title: str, severity: str = ERROR, setup: str = "") -> str:
    """Add an id to the registry; an id registered twice is a mistake, not an update."""
    if problem_id in IDS:
        raise ValueError(f"problem id {problem_id!r} registered twice")
    IDS[problem_id] = ProblemId(problem_id, title, severity, setup)
    return problem_id


def schema_id(validator: str) -> str:
    """The id of a schema keyword's violation: `schema-<keyword>` (every keyword the schema
    uses has one; tests/test_rules.py compares them with plan.schema.json)."""
    return f"schema-{validator}"


_READING = [
    ("file", "文件必须能够读取", "一个方案的路径是文件夹，不是文件"),
    ("file-size", "一个方案文件不能超过 1 MB", "一个超过 1 MB 的方案文件"),
    ("encoding", "文件必须是 UTF-8 编码"),
    ("front-matter", "文件开头必须是用两行 --- 括起来的元数据"),
    ("yaml", "元数据必须是正确的 YAML（英文冒号加空格、空格缩进、引号成对）"),
    ("yaml-duplicate-key", "同一层级的字段只能写一次"),
    ("yaml-alias", "元数据中不能使用 YAML 锚点和别名（& 和 *）"),
    ("yaml-depth", "元数据的嵌套不能超过 12 层"),
    ("yaml-number", "元数据中的数字不能超过 15 位"),
]
_SCHEMA = [
    ("schema-required", "必填字段不能缺少"),
    ("schema-unknown-field", "只能使用字段说明中列出的字段"),
    ("schema-type", "每个字段的值要符合它的类型（文本、整数、列表、一组字段）"),
    ("schema-enum", "有可选值的字段只能从可选值中选择"),
    ("schema-pattern", "有固定格式的字段（日期、电话、文号等）要符合格式"),
    ("schema-format", "日期和电子邮箱要是有效的日期和邮箱"),
    ("schema-minLength", "必填的文字不能空着"),
    ("schema-maxLength", "文字不能超过字段规定的长度"),
    ("schema-minItems", "列表至少要有字段说明规定的项数"),
    ("schema-minimum", "数字不能小于字段规定的最小值"),
    ("schema-maximum", "数字不能大于字段规定的最大值"),
]
_ACROSS = [
    (
        "duplicate-slug",
        "两个方案的网址标识不能相同",
        "plans/ 中两个方案写了同一个 slug",
    ),
    (
        "duplicate-title",
        "两个方案的标题不能相同",
        "plans/ 中两个方案的标题相同",
    ),
    (
        "superseded-by",
        "“被替代为”（superseded_by）必须是一个已发布方案的网址标识",
        "一个已废止的方案写了并不存在的替代方案",
    ),
    (
        "former-slug",
        "曾用网址标识不能正被另一个方案使用",
        "一个方案的 former_slugs 写了另一个方案现在的网址标识",
    ),
    (
        "former-slug-owner",
        "曾用网址标识只能是本方案以前用过的网址",
        "git 历史中一个已发布方案用过的网址标识，被另一个方案写进 former_slugs",
    ),
    (
        "symlink",
        "方案、模板和网站文件夹中不能有符号链接",
        "plans/ 中的一个方案文件是符号链接",
    ),
    (
        "upload-type",
        "上传文件夹 docs/assets/uploads/ 只接受按内容识别的 PNG、JPEG、GIF、WebP 图片和 PDF 文件",
        "docs/assets/uploads/ 中有一个 SVG 文件",
    ),
    (
        "committed-build-state",
        "构建缓存和构建输出不能提交进仓库",
        "仓库中提交了 .cache/ 里的一个文件",
    ),
    (
        "revision-note",
        "修改已发布的方案时，要在“修改说明”（revisions）的最前面新增一条",
        "civplan changes：一个已发布的方案改了正文，却没有新增修改说明",
    ),
    (
        "commit-date",
        "提交的日期不能在将来，也不能早于它所基于的版本",
        "civplan changes：一个提交的日期在将来",
    ),
    (
        "export",
        "导出 Word 时，两个方案不能导出成同一个文件",
        "civplan export 导出两个文件夹中同名的方案",
    ),
]

for _entry in _READING + _SCHEMA + _ACROSS:
    register(_entry[0], _entry[1], setup=_entry[2] if len(_entry) > 2 else "")
