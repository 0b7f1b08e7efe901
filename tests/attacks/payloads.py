"""Every payload of issue 13 and more of the same kinds, written once for the tests and the report.

A payload is a set of edits to a real sample plan (or template), or a git history, or a file to
import. Placeholders filled in when the payload is tried:
  %N%         the payload's number, so a script or URL found in a shared page names its payload;
  %SENTINEL%  a path that climbs out of the site to a sentinel folder under tmp_path.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

PLAN, TEMPLATE, HISTORY, IMPORT = "plan", "template", "history", "import"


@dataclass(frozen=True)
class Payload:
    name: str
    kind: str = PLAN
    edits: tuple[tuple[str, str], ...] = ()  # (old, new): first occurrence in the sample
    must_refuse: bool = False  # only a refusal by check is safe (the build "works" but is wrong)
    bound: bool = False  # tried alone: may exhaust memory or time, or refer to another payload
    export: bool = False  # also exported to Word
    env: dict = field(default_factory=dict)  # extra environment of the build


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON is YAML): control characters become escapes."""
    return json.dumps(text, ensure_ascii=False)


IMG = "<img src=x onerror=alert(%N%)>"
SCRIPT = "</title><script>alert(%N%)</script>"
SVG = '"><svg onload=alert(%N%)>'
ATTR = "' onmouseover='alert(%N%)' x='"
ESCAPED = "&lt;img src=x onerror=alert(%N%)&gt;&#60;script&#62;alert(%N%)&#60;/script&#62;"
VECTORS = {"img": IMG, "script": SCRIPT, "svg": SVG, "attr": ATTR, "entities": ESCAPED}
UP = "../" * 30
BLANK_PATH = "〔待填：x〕/" + UP + "%SENTINEL%/pwn"
BODY_AT = "## 制定依据"
BEFORE_TAGS = "tags: [医德医风"
TITLE = "示例市第一人民医院2026年创建市级文明单位实施方案"

# (field, the sample's line, key prefix, original value) for every string that reaches a page
META_FIELDS = [
    ("title", f"title: {TITLE}", "title: ", TITLE),
    ("unit-name", "  name: 示例市第一人民医院", "  name: ", "示例市第一人民医院"),
    ("unit-parent", "  parent: 示例市卫生健康委员会", "  parent: ", "示例市卫生健康委员会"),
    ("unit-city", "    city: 示例市\n", "    city: ", "示例市"),
    ("doc-number", "doc_number: 示一院党〔2026〕8号", "doc_number: ", "示一院党〔2026〕8号"),
    (
        "basis-title",
        "  - title: 示例市创建文明单位测评体系（2026年版）",
        "  - title: ",
        "示例市创建文明单位测评体系（2026年版）",
    ),
    (
        "goal-text",
        "  - text: 门诊患者满意度保持在95%以上，全年无有效投诉的医德医风问题。",
        "  - text: ",
        "门诊患者满意度保持在95%以上，全年无有效投诉的医德医风问题。",
    ),
    ("measure-department", "    department: 门诊部", "    department: ", "门诊部"),
    (
        "evidence-title",
        "      - title: 门诊志愿服务站启用（院网站新闻）",
        "      - title: ",
        "门诊志愿服务站启用（院网站新闻）",
    ),
    ("head-name", "    name: 林卫东", "    name: ", "林卫东"),
    ("head-post", "    post: 党委书记", "    post: ", "党委书记"),
    (
        "head-duty",
        "    duty: 全面负责创建工作，主持领导小组会议",
        "    duty: ",
        "全面负责创建工作，主持领导小组会议",
    ),
    ("member-name", "    - name: 孙强", "    - name: ", "孙强"),
    ("member-post", "      post: 医务部主任", "      post: ", "医务部主任"),
    ("office-location", "    location: 党委办公室", "    location: ", "党委办公室"),
    ("stage-name", "  - name: 宣传发动", "  - name: ", "宣传发动"),
    (
        "stage-task",
        "      - 召开全院创建动员大会，印发实施方案",
        "      - ",
        "召开全院创建动员大会，印发实施方案",
    ),
    (
        "guarantee-text",
        "    text: 医院年度预算安排创建专项经费30万元，由财务科单独核算。",
        "    text: ",
        "医院年度预算安排创建专项经费30万元，由财务科单独核算。",
    ),
    (
        "reward-condition",
        "  - condition: 科室在创建测评中得分位列全院前三",
        "  - condition: ",
        "科室在创建测评中得分位列全院前三",
    ),
    ("phone-label", "      label: 纪检监察室", "      label: ", "纪检监察室"),
    ("phone-number", '    - number: "0000-86120011"', "    - number: ", "0000-86120011"),
    ("email", "  email: jubao@shili-yiyuan.example", "  email: ", "jubao@shili-yiyuan.example"),
    (
        "address",
        "  address: 示例市健康路1号示例市第一人民医院纪检监察室",
        "  address: ",
        "示例市健康路1号示例市第一人民医院纪检监察室",
    ),
    (
        "hours",
        "  hours: 工作日 8:00—12:00，14:30—17:30",
        "  hours: ",
        "工作日 8:00—12:00，14:30—17:30",
    ),
    ("box", "  box: 门诊大厅东侧、住院部一楼电梯口", "  box: ", "门诊大厅东侧、住院部一楼电梯口"),
    (
        "notice-feedback",
        "  feedback: 书面意见送医院党委办公室，或发送至 jubao@shili-yiyuan.example",
        "  feedback: ",
        "书面意见送医院党委办公室",
    ),
    (
        "adopted",
        "    - 志愿服务站每个工作日导诊志愿者由2人增加到4人。",
        "    - ",
        "志愿服务站每个工作日导诊志愿者由2人增加到4人。",
    ),
    (
        "not-adopted-reason",
        "      reason: 收费标准由价格主管部门规定，不属于本方案范围，已转交有关部门。",
        "      reason: ",
        "收费标准由价格主管部门规定。",
    ),
    ("template-id", "  id: hospital", "  id: ", "hospital"),
]
# the fields where every vector is tried; the others get the <img onerror> one
ALL_VECTORS = {"title", "unit-name", "stage-name", "head-name", "member-post"}


def meta(name: str, line: str, prefix: str, value: str, **kw) -> Payload:
    return Payload(name, edits=((line, prefix + q(value)),), **kw)


def body(name: str, text: str, **kw) -> Payload:
    return Payload(name, edits=((BODY_AT, f"{text}\n\n{BODY_AT}"),), **kw)


def extra_meta(name: str, lines: str, **kw) -> Payload:
    return Payload(name, edits=((BEFORE_TAGS, f"{lines}\n{BEFORE_TAGS}"),), **kw)


def draft(payload: Payload) -> Payload:
    """The same payload in a draft, built as `make serve` builds drafts (blanks are allowed)."""
    edits = (*payload.edits, ("status: 实施中", "status: 草案"))
    return Payload(payload.name, payload.kind, edits, env={"CIVPLAN_DRAFTS": "1"})


def _metadata_xss() -> list[Payload]:
    found = []
    for key, line, prefix, value in META_FIELDS:
        vectors = VECTORS if key in ALL_VECTORS else {"img": IMG}
        for vector, text in vectors.items():
            found.append(meta(f"meta-{key}-{vector}", line, prefix, value + text))
    found += [
        meta(
            f"evidence-url-{label}",
            "        url: https://www.shili-yiyuan.example/news/2026-05-20.html",
            "        url: ",
            url,
        )
        for label, url in {
            "javascript": "javascript:alert(%N%)",
            "javascript-case": " JaVaScRiPt:alert(%N%)",
            "javascript-tab": "java\tscript:alert(%N%)",
            "data": "data:text/html,<script>alert(%N%)</script>",
            "backslash": "/\\evil.example/p%N%",
        }.items()
    ]
    found += [
        Payload(
            "meta-tags-img",
            edits=(("tags: [医德医风, 志愿服务, 九不准]", f"tags: [医德医风, {q(IMG)}]"),),
        ),
        extra_meta("plan-template-info-name-img", f"template_info:\n  name: {q('医院模板' + IMG)}"),
        extra_meta(
            "plan-template-info-name-script", f"template_info:\n  name: {q('医院模板' + SCRIPT)}"
        ),
        extra_meta("former-slugs-img", f"former_slugs: [{q('old' + IMG)}]"),
        extra_meta("slug-img", f"slug: {q('x' + IMG)}"),
        extra_meta("superseded-by-img", f"superseded_by: {q(IMG)}"),
    ]
    return found


BODY_XSS = {
    "heading-id-onfocus": "## 背景 {: id='q\" autofocus onfocus=\"alert(%N%)' }",
    "heading-attr-onclick": '## 背景 {: onclick="alert(%N%)" }',
    "heading-class-break": "## 背景 {: class='x\" onmouseover=\"alert(%N%)' }",
    "heading-onfocusin": "## 背景 {: tabindex=0 autofocus onfocusin=alert(%N%) }",
    "paragraph-attr-on": '坚持以人民为中心。\n{: onmouseover="alert(%N%)" }',
    "image-attr-src": "![x](x.png){: src=//evil.example/p%N%.png }",
    "image-attr-srcset": '![x](x.png){: srcset="//evil.example/p%N%.png 1x" }',
    "link-attr-href": '[举报](https://www.shili-yiyuan.example/){: href="javascript:alert(%N%)" }',
    "admonition-title": '!!! note "<img src=x onerror=alert(%N%)>"\n    说明',
    "heading-html": "## 背景<img src=x onerror=alert(%N%)>",
    "image-backslash": "![x](/\\evil.example/p%N%.png)",
    "image-double-backslash": "![x](\\\\evil.example/p%N%.png)",
    "image-backslash-slash": "![x](\\/evil.example/p%N%.png)",
    "image-tab-entity": "![x](/&#9;/evil.example/p%N%.png)",
    "image-protocol-relative": "![x](//evil.example/p%N%.png)",
    "image-https": "![x](https://evil.example/p%N%.png)",
    "image-reference-backslash": "![x][e]\n\n[e]: /\\evil.example/p%N%.png",
    "image-autolink-html-entity": "![x](&#47;&#47;evil.example/p%N%.png)",
    "link-backslash": "[举报](/\\evil.example/p%N%)",
    "link-js-tab-entity": "[举报](java&#9;script:alert(%N%))",
    "link-vbscript": "[举报](vbscript:msgbox(%N%))",
    "link-js-percent": "[举报](javascript%3Aalert(%N%))",
    "alt-break": '![x" onerror="alert(%N%)](x.png)',
    "title-break": '[a](x.md "t\\" onmouseover=\\"alert(%N%)")',
    "html-svg": "<svg onload=alert(%N%)>",
    "html-details": "<details open ontoggle=alert(%N%)>",
    "html-upper": "<IMG SRC=x OnError=alert(%N%)>",
    "html-mxss": "<math><mtext><table><mglyph><style><img src=x onerror=alert(%N%)>",
    "html-form": "<form action=//evil.example/p%N%><button>提交</button></form>",
    "html-meta-refresh": '<meta http-equiv=refresh content="0;url=//evil.example/p%N%">',
    "html-base": "<base href=//evil.example/p%N%/>",
    "html-video-poster": "<video poster=//evil.example/p%N%.png></video>",
    "html-object": "<object data=//evil.example/p%N%></object>",
    "html-style-url": '<p style="background:url(//evil.example/p%N%.png)">x</p>',
    "html-inline": "文字<img src=x onerror=alert(%N%)>文字",
    "html-entities-text": ESCAPED,
}
MACROS = {
    "macro-stages-int": "{{ stages(1) }}",
    "macro-stages-str": '{{ stages("x") }}',
    "macro-basis-two": "{{ basis(1, 2) }}",
    "macro-goals-kwarg": "{{ goals(x=1) }}",
    "macro-self": "{{ stages(stages) }}",
}
RESERVED = [
    "index", "feed", "feeds", "data", "search", "assets", "library", "history",
    "pagefind", "reference", "404", "sitemap",
]  # fmt: skip

ALIAS_BOMB = "\n".join(
    ["x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    + [f"x{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
)
# the control characters of the issue, and two more of the same kind
CONTROLS = {
    "ff": "\x0c",
    "line-sep": "\u2028",
    "nul": "\x00",
    "esc": "\x1b",
    "vt": "\x0b",
    "backspace": "\x08",
}


def _bounds() -> list[Payload]:
    found = [
        extra_meta("yaml-alias-bomb", ALIAS_BOMB, bound=True),
        Payload(
            "yaml-alias-bomb-in-tags",
            edits=((BEFORE_TAGS, ALIAS_BOMB + "\ntags: *a9\nx: [医德医风"),),
            bound=True,
        ),
        Payload(
            "yaml-deep-nesting",
            edits=(("tags: [医德医风, 志愿服务, 九不准]", "tags: " + "[" * 5000 + "]" * 5000),),
            bound=True,
        ),
        Payload("year-5000-digits", edits=(("year: 2026", "year: " + "9" * 5000),), bound=True),
        Payload(
            "received-5000-digits",
            edits=(("  received: 12", "  received: " + "1" * 5000),),
            bound=True,
        ),
        Payload("year-hex", edits=(("year: 2026", "year: 0x7EA"),), bound=True),
        Payload(
            "received-hex-long",
            edits=(("  received: 12", "  received: 0x" + "F" * 5000),),
            bound=True,
        ),
        Payload("year-octal-long", edits=(("year: 2026", "year: 0o" + "7" * 5000),), bound=True),
        Payload("received-float-inf", edits=(("  received: 12", "  received: .inf"),), bound=True),
        Payload(
            "received-sexagesimal", edits=(("  received: 12", "  received: 1:20:00"),), bound=True
        ),
        Payload(
            "received-float-5000-digits",
            edits=(("  received: 12", "  received: 1" + "0" * 5000 + ".5"),),
            bound=True,
        ),
        Payload(
            "goal-5MB",
            edits=(
                ("  - text: 门诊患者满意度", "  - text: " + "文明" * 2_500_000 + "门诊患者满意度"),
            ),
            bound=True,
        ),
        body("brackets-20000", "[" * 20_000, bound=True),
        body("brackets-100000", "[" * 100_000, bound=True),
        body("brackets-closed-50000", "[" * 50_000 + "]" * 50_000, bound=True),
        body("image-brackets-50000", "![" * 50_000, bound=True),
        body("braces-100000", "{" * 100_000, bound=True),
        body("asterisks-100000", "*" * 100_000, bound=True),
        body("emphasis-50000", "*a" * 50_000, bound=True),
        body("backticks-100000", "`" * 100_000, bound=True),
        body("blockquote-deep", ">" * 5_000 + " 文明", bound=True),
        body("list-deep", "\n".join("    " * i + "- 文明" for i in range(1000)), bound=True),
        body("line-2MB", "文明" * 1_000_000, bound=True),
        body("lines-200000", "文明。\n" * 200_000, bound=True),
        body("macro-repeat-2000", "{{ stages() }}\n\n" * 2000, bound=True),
        body("table-columns-20000", "|" + "a|" * 20_000 + "\n|" + "-|" * 20_000, bound=True),
    ]
    for label, char in CONTROLS.items():
        found.append(body(f"body-control-{label}", f"坚持文明{char}创建。", export=True))
        found.append(
            meta(f"title-control-{label}", f"title: {TITLE}", "title: ", TITLE + char, export=True)
        )
    found += [
        meta(
            "stage-control-line-sep",
            "  - name: 宣传发动",
            "  - name: ",
            "宣传\u2028发动",
            export=True,
        ),
        meta(
            "measure-control-nul",
            "    department: 门诊部",
            "    department: ",
            "门诊\x00部",
            export=True,
        ),
        meta("member-control-esc", "    - name: 孙强", "    - name: ", "孙\x1b[31m强", export=True),
        Payload("title-raw-esc", edits=((f"title: {TITLE}", f"title: {TITLE}\x1b"),), export=True),
        Payload(
            "title-raw-line-sep",
            edits=((f"title: {TITLE}", f"title: {TITLE}\u2028x"),),
            export=True,
        ),
        Payload("utf8-bom", edits=(("---\ntitle:", "\ufeff---\ntitle:"),), export=True),
        Payload("crlf", edits=(("\n", "\r\n"),), export=True),  # first newline only: mixed endings
        body("body-rtl-override", "坚持文明\u202e创建\u202c。", export=True),
    ]
    return found


def _paths() -> list[Payload]:
    found = [
        extra_meta(f"slug-reserved-{slug}", f"slug: {slug}", must_refuse=True) for slug in RESERVED
    ]
    found += [
        extra_meta(
            "former-slug-reserved-index", "former_slugs: [index]", must_refuse=True, bound=True
        ),
        extra_meta(
            "former-slug-reserved-feed", "former_slugs: [feed]", must_refuse=True, bound=True
        ),
        extra_meta("slug-traversal-blank", f"slug: {q(BLANK_PATH)}"),
        Payload(
            "slug-traversal-blank-drafts",
            edits=(
                (BEFORE_TAGS, f"slug: {q(BLANK_PATH)}\n{BEFORE_TAGS}"),
                ("status: 实施中", "status: 草案"),
            ),
            env={"CIVPLAN_DRAFTS": "1"},
        ),
        meta("template-id-traversal-blank", "  id: hospital", "  id: ", BLANK_PATH),
        draft(meta("template-id-traversal-blank-drafts", "  id: hospital", "  id: ", BLANK_PATH)),
        draft(
            extra_meta("former-slugs-traversal-blank-drafts", f"former_slugs: [{q(BLANK_PATH)}]")
        ),
        extra_meta("former-slugs-traversal-blank", f"former_slugs: [{q(BLANK_PATH)}]"),
        extra_meta("slug-traversal-plain", f"slug: {q(UP + '%SENTINEL%/pwn')}"),
        meta("template-id-traversal-plain", "  id: hospital", "  id: ", UP + "%SENTINEL%/pwn"),
        extra_meta("former-slugs-traversal-plain", f"former_slugs: [{q(UP + '%SENTINEL%/pwn')}]"),
        extra_meta("slug-absolute", f"slug: {q('/%SENTINEL%/pwn')}"),
        extra_meta(
            "slug-backslash-blank", f"slug: {q('〔待填：x〕' + chr(92) + '..' + chr(92) + 'pwn')}"
        ),
    ]
    return found


def _templates() -> list[Payload]:
    name = "  name: 医院创建文明单位实施方案模板"
    return [
        Payload("template-info-name-img", TEMPLATE, ((name, "  name: " + q("医院模板" + IMG)),)),
        Payload(
            "template-info-name-script", TEMPLATE, ((name, "  name: " + q("医院模板" + SCRIPT)),)
        ),
        Payload("template-info-name-svg", TEMPLATE, ((name, "  name: " + q("医院模板" + SVG)),)),
        Payload(
            "template-info-purpose-img",
            TEMPLATE,
            (("  purpose: 适用于", "  purpose: " + q(IMG) + "\n  x: 适用于"),),
        ),
        Payload(
            "template-changelog-note-img",
            TEMPLATE,
            (("      note: 首次发布", "      note: " + q(IMG) + "\n      x: 首次发布"),),
        ),
        Payload(
            "template-title-img",
            TEMPLATE,
            (("title: 〔待填：单位名称〕", "title: " + q(IMG) + "〔待填：单位名称〕"),),
        ),
        Payload(
            "library-id-traversal-blank", TEMPLATE, (("  id: hospital", "  id: " + q(BLANK_PATH)),)
        ),
        Payload(
            "library-id-reserved-index",
            TEMPLATE,
            (("  id: hospital", "  id: index"),),
            must_refuse=True,
        ),
        Payload("library-id-img", TEMPLATE, (("  id: hospital", "  id: " + q("h" + IMG)),)),
    ]


HISTORIES = [
    Payload("history-forged-record", HISTORY),
    Payload("history-record-separator-only", HISTORY),
    Payload("history-unit-separator-only", HISTORY),
    Payload("history-subject-xss", HISTORY),
    Payload("history-author-xss", HISTORY),
    Payload("history-privacy-body-removed", HISTORY),
    Payload("history-privacy-meta-removed", HISTORY),
]
IMPORTS = [
    Payload("import-docx-zip-bomb", IMPORT, bound=True),
    Payload("import-txt-10MB", IMPORT, bound=True),
    Payload("import-docx-xxe", IMPORT, bound=True),
    Payload("import-docx-entity-bomb", IMPORT, bound=True),
]


def _body() -> list[Payload]:
    found = [body(name, text) for name, text in BODY_XSS.items()]
    found[0] = Payload(
        found[0].name,
        edits=(("## 指导思想", BODY_XSS["heading-id-onfocus"].replace("背景", "指导思想")),),
    )
    return found + [body(name, text) for name, text in MACROS.items()]


PAYLOADS: list[Payload] = (
    _metadata_xss() + _body() + _bounds() + _paths() + _templates() + HISTORIES + IMPORTS
)
BY_NAME = {p.name: p for p in PAYLOADS}
assert len(BY_NAME) == len(PAYLOADS), "payload names must be unique"
