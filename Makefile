# 文明创建方案公示平台 — every target prints its own help: run `make help`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
export NO_MKDOCS_2_WARNING := 1

help: ## 列出所有命令 (list the targets)
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "需要 Python 3.11（$(PYTHON)）"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $(STAMP)

install: $(STAMP) ## 安装运行和测试所需的一切 (set up .venv)

serve: $(STAMP) ## 在 http://localhost:8000 预览整个网站（端口被占用时自动换一个），草案也显示；有错误的方案在自己的页面上列出问题 (serve with drafts)
	@$(BIN)/civplan serve --dev-addr localhost:$(or $(PORT),8000)

build: $(STAMP) ## 严格模式构建网站到 site/ (strict build)
	$(BIN)/mkdocs build --strict

edit: $(STAMP) ## 网页编辑器 http://localhost:8081/admin/ ，保存直接写入本机 plans/ (web editor, local repository)
	$(BIN)/python -m civplan.cli.cms_server --port $(or $(PORT),8081)

check: $(STAMP) ## 检查 plans/ 中的全部方案；只查一个：make check FILE=plans/某方案.md (validate)
	$(BIN)/civplan check $(or $(FILE),plans)

new: $(STAMP) ## 从模板新建方案，逐项询问；也可写明：make new TEMPLATE=hospital UNIT=示例市第二人民医院 YEAR=2026 LEVEL=市级（同一单位同一年度的第二个方案再加 SLUG=…）
	$(BIN)/civplan new $(if $(TEMPLATE),--template "$(TEMPLATE)") $(if $(UNIT),--unit "$(UNIT)") $(if $(YEAR),--year "$(YEAR)") $(if $(LEVEL),--level "$(LEVEL)") $(if $(SLUG),--slug "$(SLUG)")

note: $(STAMP) ## 修改已发布的方案时加一条今天的修改说明：make note FILE=plans/某方案.md NOTE="修改了什么"
	@test -n "$(FILE)" -a -n "$(NOTE)" || { echo '请写明方案和修改说明，例如：make note FILE=plans/shilishidiyirenminyiyuan-2026.md NOTE="导诊志愿者由每天2人增加到4人。"'; exit 2; }
	$(BIN)/civplan note "$(FILE)" "$(NOTE)"

preview: $(STAMP) ## 只预览一个方案（草案也可以）：make preview FILE=plans/某方案.md
	@test -n "$(FILE)" || { echo "请写明要预览的方案，例如：make preview FILE=plans/shilishidiyirenminyiyuan-2026.md"; exit 2; }
	$(BIN)/civplan preview "$(FILE)"

lint: $(STAMP) ## 代码风格检查 (ruff)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Two workers per core (pytest-xdist): the browser and server tests spend about half their time
# waiting on a page or a port, which a second worker per core fills (on 2 cores the suite used
# 41 % of the CPU with one worker per core). Each test file stays on one worker (tests/conftest.py).
TEST_WORKERS ?= $(shell echo $$(( $$(nproc) * 2 )))
test: $(STAMP) lint ## 运行全部测试 (lint + the whole test suite)
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup

SHARD_KEY ?= unit.region.province
shards: $(STAMP) ## 按省分站构建：每个分站一个进程，再建总站到 site/ (sharded build; SHARD_KEY=… to split by another field)
	$(BIN)/python -m civplan.site.shards all --key $(SHARD_KEY)

clean: ## 删除构建产物 (remove site/ and caches)
	rm -rf site build/shards .pytest_cache .ruff_cache

.PHONY: help install serve build edit check new note preview lint test clean shards
