import pytest

from civplan.check.macros import macro_problems


def test_whitelisted_macros_pass():
    body = "## 组织领导\n\n{{ leading_group() }}\n\n{{ stages() }}\n"
    assert macro_problems(body, "p.md", 30) == []


def test_unknown_macro_is_named_with_its_line():
    [problem] = macro_problems("正文\n\n{{ leading_grop() }}\n", "plans/x.md", 40)
    assert problem.line == 42
    assert "未知的宏“leading_grop()”" in problem.message and "leading_group()" in problem.message


@pytest.mark.parametrize(
    "payload",
    [
        "{{ cycler.__init__.__globals__.os.environ }}",
        "{{ lipsum.__globals__['os'].popen('id').read() }}",
        "{{ config }}",
        "{{ stages }}",
        "{{ stages() | safe }}",
        "{{ stages(config) }}",
        "{% for x in range(3) %}{{ x }}{% endfor %}",
        "{% set x = 1 %}",
        "{{ self.__init__ }}",
    ],
)
def test_anything_but_a_literal_macro_call_is_refused(payload):
    problems = macro_problems(f"正文\n{payload}\n", "p.md", 10)
    assert problems and all(p.rule == "body-macro" and p.line == 11 for p in problems)


def test_broken_template_syntax_is_a_problem_not_a_crash():
    [problem] = macro_problems("正文\n{{ stages( }}\n", "p.md", 5)
    assert problem.line == 6 and "写法有误" in problem.message
