/* 文明创建方案公示平台: filters on the plan directory (/plans/), with no server. Each row of the
   table carries its kind, level, region, year and status as data-* attributes (written by
   civplan.directory.plan_directory); the form shows only the rows that match, and the address
   bar holds the filtered view (?kind=医院&level=市级) so that it can be shared.

   A large site's table holds only its newest rows; the others wait in a <template> (parsed, never
   laid out: a table of tens of thousands of rows took a phone minutes to open). The matching rows
   are put into the table as many at a time as it first held, “显示更多方案” adds as many again.
   Without JavaScript the form stays hidden and the table shows the rows it holds. */
(() => {
  const form = document.querySelector("[data-civ-filters]");
  if (!form) return;
  const root = form.closest(".civ-directory");
  const body = root.querySelector("tbody");
  const rest = root.querySelector("template.civ-directory-rest");
  const rows = [...body.rows, ...(rest ? rest.content.querySelectorAll("tr") : [])];
  const step = Math.max(1, body.rows.length);
  const count = form.querySelector(".civ-filter-count");
  const empty = root.querySelector(".civ-filter-empty");
  const more = root.querySelector(".civ-directory-more");
  const note = root.querySelector(".civ-directory-note");
  const selects = [...form.querySelectorAll("select")];
  let limit = step;

  /* A region matches itself and everything inside it: 示例省/示例市 matches 示例省/示例市/示例县. */
  const matches = (row, select) => {
    const want = select.value;
    const have = row.dataset[select.name] || "";
    if (!want) return true;
    return select.name === "region" ? have === want || have.startsWith(`${want}/`) : have === want;
  };

  const apply = () => {
    const matched = rows.filter((row) => selects.every((select) => matches(row, select)));
    const shown = document.createDocumentFragment();
    for (const row of matched.slice(0, limit)) shown.append(row);
    body.replaceChildren(shown);
    const filtered = selects.some((select) => select.value);
    const part = matched.length > limit ? `，下面列出前 ${limit} 个` : "";
    count.textContent = filtered
      ? `符合条件的方案 ${matched.length} 个（共 ${rows.length} 个）${part}`
      : `共 ${rows.length} 个方案${part}`;
    empty.hidden = matched.length > 0;
    more.hidden = matched.length <= limit;
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

  const refilter = () => {
    limit = step;
    apply();
    remember();
  };
  form.addEventListener("change", refilter);
  form.addEventListener("reset", () => setTimeout(refilter));
  form.addEventListener("submit", (event) => event.preventDefault());
  more.querySelector("button").addEventListener("click", () => {
    limit += step;
    apply();
  });
  if (note) note.hidden = true; // its “enable JavaScript” is answered by the form
  form.hidden = false;
  apply();
})();
