"""The leading group of an imported plan: who holds which role, with what post and duty.

Read from the lines a plan writes it in — “组长：张三（院长）”, “副组长：李四、王五”,
“以院长张三为组长”, “张三：负责全面工作”, “办公室设在党委办公室，由赵六任办公室主任” — and
from the group's name in “成立……领导小组”. Roles nobody fills stay blanks for the editor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from civplan.importer.outline import Para
from civplan.importer.surnames import four_character_name, has_surname, split_run
from civplan.importer.text import short
from civplan.importer.values import Finding, at_least, meta_text, split_list
from civplan.model.blank import blank
from civplan.model.text import HAN
from civplan.model.wording import GROUP_KEYS, roles

ROLES = {title: key for key, title in roles().items()} | {
    "组员": "members",
    "办公室主任": "director",
}
ROLE_LINE = re.compile(
    r"^(组\s*长|常\s*务\s*副\s*组\s*长|副\s*组\s*长|成\s*员|组\s*员|办\s*公\s*室\s*主\s*任)"
    r"\s*(?:[:：]|[\s\u3000]+)\s*(.*)$"
)
# “成立以局长张三为组长，副局长李四、王五和纪检组长赵六为副组长，各科室负责人为成员的…”
ROLE_PHRASE = re.compile(
    r"([^。；;，,]*?(?:[，,、][^。；;，,]*?)*?)(?:同志)?(?:担任|为|任)"
    r"(常务副组长|副组长|组长|成员|组员)(?=[，,、。；;的\s]|$)"
)
ROLE_SENTENCE = re.compile(r"领导小组|工作小组")
JOINERS = re.compile(rf"[和及与](?=[{HAN}]{{2}})")
POST_END = (
    "书记",
    "长",
    "主任",
    "经理",
    "委员",
    "主席",
    "主编",
    "总编",
    "总监",
    "调研员",
    "专员",
    "干事",
    "会计",
    "馆员",
)
NOT_NAME = re.compile(
    r"负责人|各|全体|成员|同志|科室|部门|股室|班|委员会|名单|附后|领导|办公室|干部|党员|职工"
    r"|代表|骨干|人员|教师|^党|^(?:宣传|组织|纪检|统战|政法|武装|人武|工会|妇联|团委|财务|后勤)"
)
NAME = rf"[{HAN}·]{{2,4}}"
DUTY_START = re.compile(r"^(?:负责|分管|主持|协助|兼任|全面|统筹|督促|具体)")
GROUP_NAME = re.compile(
    r"成立了?[以由][^。；;]*?的([^，,。；;:：的]{2,30}?领导小组)|成立了?([^，,。；;:：]{2,40}?领导小组)"
)
OFFICE_PLACE = re.compile(r"办公室设(?:在|于)([^，,。；;（(]{2,20})")
DIRECTOR = [
    re.compile(rf"由?({NAME}?)(?:同志)?(?:兼任|担任|任)(?:领导小组)?办公室主任"),
    re.compile(rf"^({NAME})(?:同志)?\s*[:：]\s*兼任(?:领导小组)?办公室主任"),
    re.compile(rf"办公室主任(?:由)?({NAME}?)(?:同志)?(?:兼任|担任|兼)"),
]
JOINED_TO_PREVIOUS = re.compile(rf"[{HAN}]{{2,4}}[、][{HAN}]{{2,3}}(?:[、和及与]|$)")
CATEGORY = re.compile(r"^(各[^:：(（]{1,15})[:：]?\s*(?:[(（](.+?)[)）])?$")


POST_FIRST = re.compile(
    r"^副?(?:院长|局长|校长|书记|主任|经理|站长|所长|馆长|台长|科长|处长|组长|社长|行长|厂长"
    r"|队长|部长|主席)"
)
# a post written right after a name with nothing between (“张三院长”) must be a known post
POST_AFTER_NAME = re.compile(
    r"^(?:党[委组总支][^\s]{0,4}|副|常务副?)?(?:院|局|校|馆|台|站|所|科|处|社|厂|行|队|部|镇|乡)?"
    r"(?:长|书记|主任|经理|主席|总编|主编|总监|委员|调研员|专员|干事|会计|馆员)$"
)


def is_name(text: str) -> bool:
    """Two to four characters, not a word of posts or groups; four only with a compound
    surname or two surnames (欧阳明月, 刘王晨曦), for “提高认识” is no one; two only with a
    surname, for a list that runs on into a sentence leaves verbs (协调、收集) between commas."""
    return (
        bool(re.fullmatch(NAME, text))
        and (len(text) != 4 or four_character_name(text))
        and (len(text) != 2 or has_surname(text))  # 协调 and 收集 are two characters too
        and not NOT_NAME.search(text)
        and not is_post(text)
        and not POST_FIRST.match(text)
    )


def is_post(text: str) -> bool:
    return text.endswith(POST_END)


def split_person(entry: str) -> tuple[str, str | None] | None:
    """(name, post) of “张三（院长）”, “院长 张三”, “党委书记张三”, “张三”; None if no person."""
    entry = entry.replace("同志", "").strip()
    bracket = re.fullmatch(r"(.+?)\s*[(（](.+?)[)）]", entry)
    if bracket:
        outside, inside = bracket.group(1).strip(), bracket.group(2).strip()
        if is_name(outside):
            return outside, inside
        if is_name(inside):
            return inside, outside
    tokens = entry.split()
    if len(tokens) > 1:
        names = [t for t in tokens if is_name(t)]
        if names:
            return names[0], "、".join(t for t in tokens if t != names[0]) or None
    if is_name(entry):
        return entry, None
    for pattern, name_group in (
        (rf"(.+?(?:{'|'.join(POST_END)}))({NAME})", 2),
        (rf"({NAME}?)(.{{2,}})", 1),
    ):
        found = re.fullmatch(pattern, entry)
        post = found.group(3 - name_group) if found else ""
        if name_group == 1 and not POST_AFTER_NAME.match(post):
            continue
        if found and is_name(found.group(name_group)) and is_post(post) and _short_post(post):
            return found.group(name_group), found.group(3 - name_group)
    return None


def _short_post(post: str) -> bool:
    """“党委书记、院长” is a post; “敏唐晓琳欧子珈各班班主任” (names run together) is not."""
    return len(post) <= 12 and not re.search(r"各|等|班主任", post)


def person(name: str, post: str | None, duty: str | None = None) -> dict:
    post = meta_text(post or "")
    found = {"name": name, "post": post if len(post) >= 2 else blank(f"{name}的职务")}
    if duty and len(meta_text(duty)) >= 2:
        found["duty"] = meta_text(duty)
    return found


@dataclass
class _Roster:
    """What the group section says, gathered line by line."""

    people: dict[str, list[dict]] = field(default_factory=lambda: {k: [] for k in KEYS})
    notes: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    empty: set[str] = field(default_factory=set)  # roles written with nobody after them
    findings: list[Finding] = field(default_factory=list)
    last_line: int = 0  # the text's last line: a list that runs to it may be cut off there

    def named(self) -> dict[str, dict]:
        """Everyone in a role of the group (the office director is one of them, or no one)."""
        return {p["name"]: p for key in KEYS[:-1] for p in self.people[key]}


KEYS = (*GROUP_KEYS, "director")


def leading_group(paras: list[Para], all_paras: list[Para]) -> tuple[dict, list[Finding]]:
    """The leading_group metadata from the group section, and what was found where."""
    roster = _Roster(last_line=all_paras[-1].line if all_paras else 0)
    paras = _names_below(paras)
    for para in paras:
        _read_roles(para, roster)
    if not any(roster.people[key] for key in KEYS):
        # “…创建领导小组。 组 长:曾昭辉 副组长:…” inside a measure: the group's own roles
        for para in all_paras:
            named = GROUP_THEN_ROLES.search(para.text)
            if named and para not in paras:
                _read_roles(replace(para, text=para.text[named.end() :]), roster)
    if not any(roster.people[key] for key in KEYS):
        # “成立以…为组长…的领导小组” inside a measure or a guarantee: the group is there too
        for para in all_paras:
            sentences = re.split(r"(?<=[。；;])", para.text)
            for i, sentence in enumerate(sentences):
                previous = i and ROLE_SENTENCE.search(sentences[i - 1])
                named = ROLE_SENTENCE.search(sentence) or previous
                if named and para not in paras:
                    _read_sentence(para, sentence, roster)
    for para in paras:
        _read_duty(para, roster)
        _read_office(para, roster)
    group = _assemble(roster)
    name = _group_name(paras) or _group_name(all_paras)
    if name:
        group = {"name": name[1], **group}
        roster.findings.append(Finding(name[0], "leading_group.name", name[1]))
    return group, roster.findings


# a line of nothing but names: “汪亚军”, “毕茂军周训银”, “张三、李四”
NAMES_ONLY = re.compile(rf"[{HAN}·、，,\s\u3000]{{2,80}}")


def _names_below(paras: list[Para]) -> list[Para]:
    """“组长：” alone on its line with the names on the next (“组长: / 汪亚军 / 副组长: / …”):
    the role takes that line, when it is nothing but names; else it stays empty."""
    joined: list[Para] = []
    for para in paras:
        before = joined[-1] if joined else None
        bare = before is not None and (role := ROLE_LINE.match(before.text)) and not role.group(2)
        if bare and NAMES_ONLY.fullmatch(para.text) and not ROLE_LINE.match(para.text):
            joined[-1] = replace(before, text=before.text + para.text)
        else:
            joined.append(para)
    return joined


def _read_roles(para: Para, roster: _Roster) -> None:
    # “…顺利开展。组长：胡光辉”: a role line whose line break was lost follows a sentence;
    # “组 长:曾昭辉 副组长:屈巍”: several role lines run into one
    pieces = [piece.strip() for piece in ROLE_BREAK.split(para.text) if piece and piece.strip()]
    lines = [found for piece in pieces if (found := ROLE_LINE.match(piece))]
    for found in lines:
        _fill_role(para, re.sub(r"\s", "", found.group(1)), found.group(2), roster)
    if lines:
        return
    for i, sentence in enumerate(pieces):
        # “成立……领导小组。由局长陈佳任组长，……”: the roles come in the sentence after the name
        named = ROLE_SENTENCE.search(sentence) or (i and ROLE_SENTENCE.search(pieces[i - 1]))
        if named or i == 0 or ROLE_BY.match(sentence):  # “…；副组长由…担任”
            _read_sentence(para, sentence, roster)
    if CATEGORY.match(para.text):
        roster.notes.append(meta_text(para.text))
        roster.findings.append(Finding(para.line, "leading_group.members_note", para.text))


# where a sentence's list of roles begins: after “以”/“由” (“成立以局长张三为组长…”), or after
# the group's name and a comma (“成立创建领导小组，党组书记、院长宋建立任组长，…”)
LEAD_IN = re.compile(r"(?:成立|组建|调整)?了?(?:以|由)|(?:领导小组|工作小组)[，,：:]")
ROLE_TAKEN = re.compile(r"(?:为|任)(?:常务副组长|副组长|组长)")


# “组长由党委书记、院长张三担任，副组长由副院长李四、王五担任”: the role first
ROLE_BY = re.compile(
    r"(?<![副务])(常务副组长|副组长|组长)由([^。；;，,]+?(?:[、和及与][^。；;，,]+?)*)(?:同志)?(?:担任|兼任)"
)


def _read_sentence(para: Para, sentence: str, roster: _Roster) -> None:
    """The whole group in one sentence, roles in any order, posts before names."""
    by_role = list(ROLE_BY.finditer(sentence))
    for found in by_role:
        _fill_role(para, found.group(1), JOINERS.sub("、", found.group(2)), roster)
    if by_role:
        return
    role = ROLE_TAKEN.search(sentence)
    starts = [m.end() for m in LEAD_IN.finditer(sentence, 0, role.start())] if role else []
    if not starts:
        return
    rest = sentence[max(starts) :]
    for phrase in ROLE_PHRASE.finditer(rest):
        value = phrase.group(1).strip("，,、 ")
        if value:
            _fill_role(para, phrase.group(2), JOINERS.sub("、", value), roster)


# “党组成员、副检察长钱红”: a seat on the party group is a post, not the group's members
PARTY_SEAT = re.compile(r"^[局院校]?党(?:组|委|总支|支部)(?:成员|委员)$")


def merge_posts(entries: list[str]) -> list[str]:
    """“局党组书记”, “局长张三” -> “局党组书记、局长张三”: a post alone belongs to the next name."""
    merged: list[str] = []
    pending = ""
    for entry in entries:
        # “党组书记” is a post though words starting 党 (党员) are no one's name
        known = POST_AFTER_NAME.match(entry) or not NOT_NAME.search(entry)
        if (is_post(entry) and split_person(entry) is None and known) or PARTY_SEAT.match(entry):
            pending += f"{entry}、"
        else:
            merged.append(pending + entry)
            pending = ""
    return merged + ([pending.rstrip("、")] if pending else [])


def _fill_role(para: Para, role: str, value: str, roster: _Roster) -> None:
    key = ROLES[role]
    if not value.strip():
        roster.empty.add(key)
        roster.findings.append(Finding(para.line, "", f"“{role}：”后面没有写人名，留作待填"))
        return
    people = roster.people[key]
    post = None  # “副局长李四、王五”: 王五 is a 副局长 too
    written = _until_prose(merge_posts(split_list(BRACKETED_NEXT.sub("、", value))), para, roster)
    written = _uncut(written, para, value, roster)
    for entry in [one for each in written for one in _spread(each, para, role, roster)]:
        if DUTY_START.match(entry) and people:
            people[-1]["duty"] = at_least(meta_text(entry), 2, "职责分工")
            continue
        split = split_person(entry)
        if split is None:
            roster.notes.append(meta_text(entry if key == "members" else f"{role}：{entry}"))
            roster.findings.append(Finding(para.line, "leading_group.members_note", entry))
        else:
            name, own_post = split
            if own_post and DUTY_START.match(own_post):  # 屈巍(负责校园绿化): a duty, not a post
                people.append(person(name, None, own_post))
                roster.findings.append(Finding(para.line, f"leading_group.{key}", f"{role} {name}"))
                continue
            post = own_post or (post if JOINED_TO_PREVIOUS.search(value) else None)
            people.append(person(name, post))
            roster.findings.append(Finding(para.line, f"leading_group.{key}", f"{role} {split[0]}"))


CLOSED = re.compile(r"[。；;！!）)”\"]$")


def _uncut(entries: list[str], para: Para, value: str, roster: _Roster) -> list[str]:
    """A list that runs to the very end of the text, with nothing to close it (“副組長：…、
    李壽祥、郭樹” and the page's excerpt ends): its last name may be the first two characters
    of three, so it is read only when it already has three (“组 长: 张学强”), the most a
    name without a compound surname has."""
    at_end = para.line == roster.last_line and para.text.rstrip().endswith(value.rstrip())
    if not (entries and at_end and not CLOSED.search(value.rstrip())):
        return entries
    if len(re.sub(r"\s", "", entries[-1])) >= 3:
        return entries
    roster.findings.append(
        Finding(
            para.line,
            "",
            f"原文在“{short(entries[-1])}”处结束，这个名字可能不完整，没有填入，请核对原件",
        )
    )
    return entries[:-1]


PROSE = re.compile(rf"[{HAN}]{{8,}}|[由下设组成负责]{{2}}")


def _until_prose(entries: list[str], para: Para, roster: _Roster) -> list[str]:
    """A role's list ends where the text turns into a sentence (“……办公室XX同志任办公室主任，
    负责创建工作的组织、协调，收集……”): what follows is no one, even words shaped like names."""
    for i, entry in enumerate(entries):
        if i and PROSE.search(entry) and split_person(entry) is None:
            rest = "、".join(entries[i:])
            roster.findings.append(
                Finding(para.line, "", f"“{short(rest)}”是句子，不是名单，其中的词没有当作人名")
            )
            return entries[:i]
    return entries


ONE_HAN = rf"[{HAN}]"
RUN = re.compile(rf"{ONE_HAN}{{5,}}")


def _spread(entry: str, para: Para, role: str, roster: _Roster) -> list[str]:
    """The people of one list entry: “王 静” (a two-character name spaced to the width of
    three) is one, “张伟 李红梅 王建国” and “张伟李红梅王建国” are three. A run that can be
    cut into names in more than one way is left out, and the report names the ways."""
    tokens = _join_spaced(entry.split())
    if len(tokens) > 1 and all(is_name(token) for token in tokens):
        return tokens
    # “谢 丽 王丽霞 叶冬秀 各班班主任”: names, then the rest of the group as a category
    if len(tokens) > 2 and all(map(is_name, tokens[:-1])) and CATEGORY.match(tokens[-1]):
        return tokens
    if len(tokens) == 1 and is_name(tokens[0]):
        return tokens
    if not RUN.fullmatch(entry) or split_person(entry) is not None:
        return [entry]
    names, every = split_run(entry)
    if names and all(is_name(name) for name in names):
        roster.findings.append(
            Finding(
                para.line,
                f"leading_group.{ROLES[role]}",
                f"{role}“{entry}”按姓氏分成 {len(names)} 人：{'、'.join(names)}",
            )
        )
        return names
    if every:
        ways = "；".join("、".join(cut) for cut in every[:4])
        roster.findings.append(
            Finding(
                para.line,
                "",
                f"{role}“{entry}”是几个人名连写，可以分成：{ways}。分法不止一种，没有填入，请核对后填写",
            )
        )
        return []
    return [entry]


def _join_spaced(tokens: list[str]) -> list[str]:
    """“王 静” -> “王静”: two single characters side by side are one spaced-out name."""
    joined: list[str] = []
    for token in tokens:
        if joined and len(token) == 1 and len(joined[-1]) == 1 and re.fullmatch(ONE_HAN, token):
            joined[-1] += token
        else:
            joined.append(token)
    return joined


GROUP_THEN_ROLES = re.compile(r"领导小组[^。；;]{0,6}[。：:；;]?[\s\u3000]*(?=组\s*长\s*[:：])")
# a role line starts after a sentence, after spaces, or right after the last name of the role
# before it (“副组长:XXXXXXXXX成员:XXX”: the layout lost the line break and the space)
ROLE_BREAK = re.compile(
    r"(?<=[。；;])|(?<!副)[\s\u3000]+(?=(?:常务副组长|副\s*组\s*长|组\s*长|成\s*员|组\s*员)\s*[:：])"
    rf"|(?<=[{HAN}Xx])(?<!副)(?<!常务)(?=(?:副组长|成员|组员)[:：])"
)
# “屈巍(负责校园绿化)凌红云(负责校园净化)”: people each with their duty in brackets, run together
BRACKETED_NEXT = re.compile(rf"(?<=[)）])[\s\u3000]*(?=[{HAN}]{{2,4}}[(（])")


def _read_duty(para: Para, roster: _Roster) -> None:
    """“张三：负责全面工作” for someone already named in a role."""
    found = re.match(rf"^({NAME})(?:同志)?\s*[:：]\s*(.+)$", para.text)
    named = roster.named()
    if found and found.group(1) in named:
        named[found.group(1)]["duty"] = at_least(meta_text(found.group(2)), 2, "职责分工")
        roster.findings.append(Finding(para.line, "leading_group", f"{found.group(1)}的职责分工"))


def _read_office(para: Para, roster: _Roster) -> None:
    """Where the group's office sits and who heads it."""
    named = roster.named()
    for pattern in DIRECTOR:
        director = pattern.search(para.text)
        if not director or roster.people["director"]:
            continue
        name = next((n for n in named if director.group(1).endswith(n)), director.group(1))
        if name in named or is_name(name):
            known = named.get(name)
            roster.people["director"].append(person(name, known["post"] if known else None))
            roster.findings.append(Finding(para.line, "leading_group.office.director", name))
    place = OFFICE_PLACE.search(para.text)
    if place and len(meta_text(place.group(1))) >= 2:
        roster.places.append(meta_text(place.group(1)))
        roster.findings.append(Finding(para.line, "leading_group.office.location", place.group(1)))


def _assemble(roster: _Roster) -> dict:
    people = roster.people
    if not people["head"] and "head" not in roster.empty:
        roster.findings.append(Finding(0, "", "原文没有写明组长，组长姓名和职务留作待填"))
    group: dict = {
        "head": (people["head"] or [{"name": blank("组长姓名"), "post": blank("组长职务")}])[0]
    }
    if people["executive_deputy"]:
        group["executive_deputy"] = people["executive_deputy"][0]
    for key in ("deputies", "members"):
        if people[key]:
            group[key] = people[key]
    if roster.notes:
        group["members_note"] = at_least("；".join(roster.notes), 2, "成员说明")
    unknown = {"name": blank("办公室主任姓名"), "post": blank("办公室主任职务")}
    group["office"] = {
        "location": (roster.places or [blank("领导小组办公室设在哪个科室")])[0],
        "director": (people["director"] or [unknown])[0],
    }
    return group


def _group_name(paras: list[Para]) -> tuple[int, str] | None:
    for para in paras:
        if para.marker and para.short and para.head.endswith("领导小组") and len(para.head) >= 4:
            return para.line, meta_text(para.head)
        found = GROUP_NAME.search(para.text)
        # “成立以张三为组长、…为成员的创建工作领导小组”: the name follows the last 的
        name = re.sub(r"^[以由].*的", "", found.group(1) or found.group(2)) if found else ""
        if len(meta_text(name)) >= 4:
            return para.line, meta_text(name)
    return None
