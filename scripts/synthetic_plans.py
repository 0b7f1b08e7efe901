"""Valid synthetic plans for benchmarks: realistic Chinese text, every macro, varied metadata.

Each plan is built as data, written with yaml.safe_dump and checked through the project's own
loader and rules, so a benchmark never measures plans the site would refuse.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import yaml

KINDS = {
    "机关": "局",
    "医院": "人民医院",
    "学校": "实验学校",
    "新闻媒体": "融媒体中心",
    "企业": "有限公司",
    "社区": "社区",
    "其他": "图书馆",
}
LEVELS = ["县级", "市级", "省级", "全国"]
STATUSES = ["实施中"] * 5 + ["公示中", "已完成", "已废止"]
PROVINCES = ["示例省", "样例省", "模拟省", "演示省"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "建国秀英志强海燕明华文静国庆晓梅红霞立新卫东春生玉兰永红桂芳德胜丽娟振华淑珍宏伟建华"
POSTS = [
    "党委书记",
    "局长",
    "院长",
    "校长",
    "副局长",
    "副院长",
    "办公室主任",
    "工会主席",
    "纪委书记",
    "党建办主任",
    "财务科科长",
    "宣传科科长",
]
DEPARTMENTS = [
    "办公室",
    "党建办",
    "宣传科",
    "财务科",
    "人事科",
    "后勤保障科",
    "工会",
    "团委",
    "业务科",
    "纪检监察室",
]
PHRASES = [
    "深入学习贯彻习近平新时代中国特色社会主义思想",
    "坚持以人民为中心的发展思想",
    "把社会主义核心价值观融入单位管理各环节",
    "持续开展学雷锋志愿服务活动",
    "推进网格整治和环境卫生长效管理",
    "弘扬诚信文化，建设文明窗口",
    "落实河长制和生态环境保护责任",
    "加强职业道德和行风建设",
    "组织干部职工参加志愿服务不少于二十小时",
    "完善公共场所无障碍设施和便民服务",
    "开展文明科室、文明家庭评选表彰",
    "建立问题台账，限期整改、跟踪销号",
    "用好宣传栏、电子屏和新媒体平台",
    "深化九不准等行风建设专项治理",
    "建设网络文明传播阵地，传播正能量",
    "组织道德讲堂和传统节日主题活动",
]
STAGES = ["宣传发动", "自查整改", "全面实施", "检查验收"]
BODY = """## 指导思想

{idea}

## 制定依据

{{{{ basis() }}}}

## 创建目标

{{{{ goals() }}}}

## 组织领导

{{{{ leading_group() }}}}

## 主要任务

{measures_intro}

{{{{ measures() }}}}

## 实施步骤

{{{{ stages() }}}}

## 保障措施

{{{{ guarantees() }}}}

## 奖惩措施

{{{{ rewards() }}}}

## 监督举报

{{{{ supervision() }}}}
"""


def _sentence(rng: random.Random, parts: int = 3) -> str:
    return "，".join(rng.sample(PHRASES, parts)) + "。"


def _person(rng: random.Random, used: set[str], post: str | None = None) -> dict:
    while True:
        name = rng.choice(SURNAMES) + rng.choice(GIVEN[::2]) + rng.choice(GIVEN[1::2])
        if name not in used:
            used.add(name)
            return {
                "name": name,
                "post": post or rng.choice(POSTS),
                "duty": "负责" + rng.choice(PHRASES)[:12],
            }


def _stages(rng: random.Random, year: int) -> list[dict]:
    start, stages = date(year, 3, 1), []
    for index, name in enumerate(STAGES):
        end = min(start + timedelta(days=rng.randint(40, 70)), date(year, 12, 31))
        stage = {
            "name": name,
            "start": start.isoformat(),
            "end": end.isoformat(),
            "tasks": [_sentence(rng, 2) for _ in range(3)],
        }
        if index < 2 and rng.random() < 0.6:
            stage["done"] = end.isoformat()
        stages.append(stage)
        start = end + timedelta(days=1)
    return stages


def plan(index: int, rng: random.Random) -> tuple[str, dict, str]:
    """(slug, metadata, body) of synthetic plan number `index`."""
    kind = rng.choice(list(KINDS))
    province, year, level = rng.choice(PROVINCES), rng.randint(2023, 2027), rng.choice(LEVELS)
    city = f"第{index % 97 + 1}市"
    unit = f"{province}{city}第{index}{KINDS[kind]}"
    used: set[str] = set()
    members = [_person(rng, used) for _ in range(rng.randint(3, 6))]
    status = rng.choice(STATUSES)
    meta = {
        "slug": f"plan-{index:05d}",
        "title": f"{unit}{year}年创建{level}文明单位实施方案",
        "unit": {
            "name": unit,
            "kind": kind,
            "region": {"province": province, "city": city},
            "parent": f"{city}人民政府",
        },
        "year": year,
        "level": level,
        "mode": rng.choice(["创建", "保持"]),
        "doc_number": f"示{index}〔{year}〕{rng.randint(1, 60)}号",
        "issued": f"{year}-02-{rng.randint(10, 27)}",
        "basis": [
            {
                "title": f"{province}文明单位测评体系（{year}年版）",
                "number": f"示文明委〔{year}〕{rng.randint(1, 9)}号",
            }
        ],
        "goals": [
            {"text": _sentence(rng, 2), "year": year, "level": level},
            {"text": _sentence(rng, 2)},
        ],
        "leading_group": {
            "head": _person(rng, used, "党委书记"),
            "executive_deputy": _person(rng, used),
            "deputies": [_person(rng, used) for _ in range(2)],
            "members": members,
            "office": {
                "location": "办公室",
                "director": {"name": members[0]["name"], "post": members[0]["post"]},
            },
        },
        "measures": [
            {
                "text": _sentence(rng, 3),
                "department": rng.choice(DEPARTMENTS),
                "deadline": f"{year}-{rng.randint(4, 12):02d}-20",
            }
            for _ in range(rng.randint(5, 9))
        ],
        "stages": _stages(rng, year),
        "guarantees": [
            {"kind": k, "text": _sentence(rng, 2)}
            for k in ["加强领导", "经费保障", "宣传氛围", "督导检查", "考核奖惩"]
        ],
        "rewards": [
            {"condition": _sentence(rng, 1), "consequence": "年终评先评优时优先考虑"}
            for _ in range(3)
        ],
        "supervision": {
            "phones": [{"number": f"0000-{8600000 + index:08d}", "label": "纪检监察室"}],
            "email": f"jubao{index}@example.gov.cn",
            "address": f"{province}{city}文明路{index}号",
            "postcode": "000100",
            "hours": "工作日 8:30—17:30",
            "box": "办公楼一楼大厅",
        },
        "status": status,
        "tags": rng.sample(["志愿服务", "九不准", "网格整治", "学雷锋", "河长制", "文明单位"], 2),
    }
    if status == "已废止":  # the withdrawal-reason rule: the public is told why
        meta["withdrawal_reason"] = "单位撤并，创建工作并入上级单位的方案。"
    if status == "公示中":
        meta["notice"] = {
            "start": f"{year}-02-02",
            "end": f"{year}-02-13",
            "feedback": "书面意见送办公室",
        }
    body = BODY.format(
        idea=" ".join(_sentence(rng, 4) for _ in range(6)), measures_intro=_sentence(rng, 4) * 3
    )
    return meta["slug"], meta, body


def write_plans(folder: Path, count: int, seed: int = 2026) -> list[Path]:
    """Write `count` plans into `folder` and return their paths."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        slug, meta, body = plan(index, rng)
        path = folder / f"{slug}.md"
        path.write_text(
            "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + body,
            "utf-8",
        )
        paths.append(path)
    return paths
