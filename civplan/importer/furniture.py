"""A collecting site's page furniture, set aside before any rule reads the plan.

Most plans an editor finds on the web come inside a page that talks about itself: the site's
title over the plan (“文明单位创建工作实施方案范文(通用10篇)”), its byline (时间：2023-07-25),
its notices (版权说明、举报电话 400-…), its pager (……_第1页) and, at the foot, a list of other
documents' titles (“相关文章：”). None of it is the unit's: round nine's wrong values on unseen
plans came from exactly these lines (a mode from a site's heading, a phone from its copyright
notice, a unit name joined to a site's category). A unit's own .docx or .pdf has none of it.

Each line is judged on its own words, never on where it sits alone: it must talk about the
site or its pages. A long line that also carries the plan's own sentences (a page that ran the
whole plan into its heading) is kept — losing the plan's words is worse than reading a heading.
What is set aside is reported with its line, so the editor sees it.
"""

from __future__ import annotations

import re

from civplan.importer.lines import Line
from civplan.importer.reading import reading
from civplan.importer.values import Finding

# Words a page says about itself or its site; a plan has no use for them.
SITE_WORDS = re.compile(
    r"小编|网友|会员|本站|本网站|版权|侵权|侵犯[^，,。]{0,6}权|copyright|©|VIP|分销"
    r"|相关文章|相关推荐|相关阅读|猜你喜欢|热门文章|推荐阅读|延伸阅读|上一篇|下一篇"
    r"|下载(?:本文|文档|资源|该文|支持|后|吧|权益)|合集下载|推荐下载|二次下载|点击下载"
    r"|[本该此]文档|文档(?:简介|介绍|编号|格式)|原创力文档|文库|倾情为你奉上"
    r"|阅读(?:全部|全文)|免费(?:阅读|试读)|继续(?:免费)?阅读|在线阅读|阅读\s*[:：]?\s*\d+"
    r"|\d+\s*人?阅读|全文预览|预览已结束|查看更多|点击查看|_第\s*\d+\s*页|第\s*\d+\s*页\s*/\s*共"
    r"|当前位置|您的位置|网站首页|首页\s*>|欢迎访问|登录|立即注册|会员注册|用户注册"
    r"|全文共\s*\d+\s*字|当前显示\s*\d+\s*字|字数\s*\d+|范文|优秀范例|仅供参考|写作参考|【阅览】"
    r"|^\s*(?:发布)?(?:时间|日期)\s*[:：]\s*\d{4}\s*-|^\s*来源\s*[:：]|^\s*發布時間"
    r"|上传(?:人|时间|分享)|由用户提供|[(（](?:通用|优质|精选|推荐|专业|实用)?\s*\d+\s*篇[)）]",
    re.IGNORECASE,
)
# The plan's own sentences: a long line that has one of these is the plan run into a heading.
PLAN_WORDS = re.compile(
    r"特制定|制定本|制定如下|[结根]合(?:我|本)|领导小组|指导思想|工作目标|创建目标"
    r"|[一二三四五六七八九十]、|[(（][一二三四五六七八九十][)）]"
)
SHORT = 60  # characters: a heading, a byline or a notice, not a paragraph of the plan
# A list of other documents after “相关文章：”: short titles, often dated (“……范文03-29”).
LIST_HEADS = re.compile(r"相关文章|相关推荐|相关阅读|猜你喜欢|热门文章|推荐阅读|延伸阅读")
LISTED_TITLE = re.compile(r"^[^。，,；;：:]{2,40}$")
# A site's category over the plan is a document of another genre (“创建卫生镇发言稿” above
# “金北镇生院2011年创建省级卫生镇工作计划”): a plan is a 方案, 计划, 规划 or 意见.
OTHER_GENRE = re.compile(r"(?:发言稿|讲话稿|讲话|心得体会|总结|汇报|报告|演讲稿|致辞|倡议书|大全)$")
PLAN_GENRE = re.compile(r"(?:方案|计划|规划|意见|办法)(?:\.docx?)?$")


# the site's number for one plan of a collection: “文明单位创建工作实施方案 1”, “…… 篇2”
NUMBERED = re.compile(r"\s*(?:篇\s*)?[\d一二三四五六七八九十]{1,2}$")


def set_aside(lines: tuple[Line, ...]) -> tuple[tuple[Line, ...], list[Finding]]:
    """The lines of the plan, and a finding for each line of page furniture left out."""
    texts = [reading(line.text).strip() for line in lines]
    aside: dict[int, str] = {}
    listing = False
    for index, text in enumerate(texts):
        if not text:
            continue
        why = _site_talk(text)
        if listing and LISTED_TITLE.match(text):
            aside[index] = "“相关文章”列表里别的文档的标题"
        elif why:
            aside[index] = f"网页自己的话“{why}”"
            listing = bool(LIST_HEADS.search(text))
        else:
            listing = False
    for index in _site_title_again(texts, aside):
        aside[index] = "和网站给整页起的标题相同"
    first = _category_over_title(texts, aside)
    if first is not None:
        aside[first] = "网站的栏目名称（另一种文体），接在方案标题之前"
    kept = tuple(line for index, line in enumerate(lines) if index not in aside)
    return kept, [_finding(lines[index], why) for index, why in sorted(aside.items())]


def _site_talk(text: str) -> str | None:
    """The site word of a line that talks about the page; None for the plan's own lines."""
    found = SITE_WORDS.search(text)
    if not found:
        return None
    if len(text) > SHORT and PLAN_WORDS.search(text):
        return None
    return found.group(0).strip()


def _site_title_again(texts: list[str], aside: dict[int, str]) -> list[int]:
    """Short lines that repeat a site heading set aside, without its site words: the page's
    title printed again above or inside the plan (“文明单位创建工作实施方案” over
    “文明单位创建工作实施方案范文(通用10篇)”, then “文明单位创建工作实施方案 1”)."""
    titles = {
        SITE_WORDS.sub("", texts[index]).strip()
        for index in aside
        if len(texts[index]) <= SHORT and not re.search(r"[。，,；;]", texts[index])
    }
    titles.discard("")
    return [
        index
        for index, text in enumerate(texts)
        if index not in aside and NUMBERED.sub("", text) in titles
    ]


def _category_over_title(texts: list[str], aside: dict[int, str]) -> int | None:
    """The first line, when it names another genre than the plan title right under it."""
    content = [i for i, text in enumerate(texts) if text and i not in aside][:2]
    if len(content) < 2:
        return None
    first, second = (texts[i] for i in content)
    if len(first) <= 20 and OTHER_GENRE.search(first) and PLAN_GENRE.search(second):
        return content[0]
    return None


def _finding(line: Line, why: str) -> Finding:
    excerpt = line.text.strip()
    excerpt = excerpt if len(excerpt) <= 30 else excerpt[:30] + "…"
    return Finding(line.number, "", f"{why}：“{excerpt}”，不是方案的内容，没有读入元数据和正文")
