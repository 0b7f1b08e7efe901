/* 文明创建方案公示平台: filters on the plan directory (/plans/), with no server. Each row of the
   table carries its kind, level, region, year and status as data-* attributes (written by
   civplan.directory.plan_directory); the form shows only the rows that match, and the address
   bar holds the filtered view (?kind=医院&level=市级) so that it can be shared. Without
   JavaScript the form stays hidden and the whole table shows. */
(() => {
  const form = document.querySelector("[data-civ-filters]");
  if (!form) return;
  const root = form.closest(".civ-directory");
  const rows = [...root.querySelectorAll("tbody tr")];
  const count = form.querySelector(".civ-filter-count");
  const empty = root.querySelector(".civ-filter-empty");
  const selects = [...form.querySelectorAll("select")];

  /* A region matches itself and everything inside it: 示例省/示例市 matches 示例省/示例市/示例县. */
  const matches = (row, select) => {
    const want = select.value;
    const have = row.dataset[select.name] || "";
    if (!want) return true;
    return select.name === "region" ? have === want || have.startsWith(`${want}/`) : have === want;
  };

  const apply = () => {
    let shown = 0;
    for (const row of rows) {
      row.hidden = !selects.every((select) => matches(row, select));
      if (!row.hidden) shown += 1;
    }
    const filtered = selects.some((select) => select.value);
    count.textContent = filtered
      ? `符合条件的方案 ${shown} 个（共 ${rows.length} 个）`
      : `共 ${rows.length} 个方案`;
    empty.hidden = shown > 0;
  };

  const remember = () => {
    const params = new URLSearchParams(window.location.search);
    for (const select of selects) {
      if (select.value) params.set(select.name, select.value);
      else params.delete(select.name);
    }
    const query = params.toString();
    const url = window.location.pathname + (query ? `?${query}` : "") + window.location.hash;
    window.history.replaceState(window.history.state, "", url);
  };

  /* The view in the address, e.g. opened from a shared link; an unknown value still filters. */
  const params = new URLSearchParams(window.location.search);
  for (const select of selects) {
    const value = params.get(select.name);
    if (!value) continue;
    if (![...select.options].some((option) => option.value === value)) {
      select.add(new Option(value, value));
    }
    select.value = value;
  }

  form.addEventListener("change", () => {
    apply();
    remember();
  });
  form.addEventListener("reset", () => {
    setTimeout(() => {
      apply();
      remember();
    });
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  form.hidden = false;
  apply();
})();
