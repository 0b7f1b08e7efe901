"""mkdocs-macros renders every page in a sandboxed Jinja environment, not its plain one.

mkdocs-macros renders with a plain Environment, in which `{{ cycler.__init__.__globals__ }}`
reaches os.environ and os.popen. Plan bodies are already limited to listed macros by
civplan.check.macros; the sandbox also covers every other page and anything check missed.

mkdocs-macros (1.5) offers no setting for its environment's class, so the environment is
swapped where the plugin keeps it, its `_env` (read back by its public `env`). That is another
package's private attribute: if a version keeps its environment elsewhere, `sandbox_macros`
stops the build, and tests/test_safety.py (a docs page reading os.environ) fails.
"""

from __future__ import annotations

from jinja2.sandbox import ImmutableSandboxedEnvironment

from civplan.site.errors import SiteError


def sandbox_macros(macros) -> None:
    """Swap the mkdocs-macros plugin's Jinja environment for a sandboxed one with the same
    settings (nothing when the project does not use mkdocs-macros)."""
    if macros is None or isinstance(macros.env, ImmutableSandboxedEnvironment):
        return
    env = macros.env
    safe = ImmutableSandboxedEnvironment(
        loader=env.loader,
        undefined=env.undefined,
        block_start_string=env.block_start_string,
        block_end_string=env.block_end_string,
        variable_start_string=env.variable_start_string,
        variable_end_string=env.variable_end_string,
        comment_start_string=env.comment_start_string,
        comment_end_string=env.comment_end_string,
    )
    safe.globals.update(env.globals)
    safe.filters.update(env.filters)
    macros._env = safe
    if macros.env is not safe:
        raise SiteError(
            "这个版本的 mkdocs-macros 不再把模板环境放在 _env 中，无法启用沙箱，构建已停止。"
            "请改用 pyproject.toml 中指定的版本。"
        )
