/* 文明创建方案公示平台: filters on the plan directory (/plans/), with no server. Each row of the
   table carries its kind, level, region, year and status as data-* attributes, and its place in
   the directory as data-order (written by civplan.site.directory); the form shows only the rows
   that match, and the address bar holds the filtered view (?kind=医院&level=市级) so that it can
   be shared.

   A large site's page holds only its newest rows: a phone opening 50,000 rows downloaded 0.84 MB
   (gzip) before it showed one. The others are in parts beside the page (parts/0.html …, one
   province's rows each), which data-parts names with their first row's place and the values of
   each filter in them. A filter fetches only the parts it can match, and counts every match;
   “显示更多方案” fetches the parts that hold the next rows. The matching rows are put into the
   table as many at a time as it first held. Without JavaScript the form stays hidden and the
   table shows the rows it holds. */
(() => {
  const form = document.querySelector("[data-civ-filters]");
  if (!form) return;
  const root = form.closest(".civ-directory");
  const body = root.querySelector("tbody");
  const parts = JSON.parse(root.dataset.parts || "[]");
  const first = [...body.rows];
  const total = Number(root.dataset.total) || first.length;
  const step = Math.max(1, first.length);
  const count = form.querySelector(".civ-filter-count");
  const empty = root.querySelector(".civ-filter-empty");
  const more = root.querySelector(".civ-directory-more");
  const note = root.querySelector(".civ-directory-note");
  const selects = [...form.querySelectorAll("select")];
  const FAILED = "有些方案没有载入，请检查网络后再试";
  let limit = step;
  let asked = 0; // the latest view asked for: an older one that arrives later is not shown

  /* A region matches itself and everything inside it: 示例省/示例市 matches 示例省/示例市/示例县. */
  const within = (have, want) => have === want || have.startsWith(`${want}/`);
  const matches = (row, [name, want]) => {
    const have = row.dataset[name] || "";
    return name === "region" ? within(have, want) : have === want;
  };

  /* A part may hold a match if each filter's value is among its values (a part that names only
     its provinces may hold any region inside them). */
  const mayMatch = (part, filters) =>
    filters.every(([name, want]) =>
      (part.values[name] || []).some((have) =>
        name === "region" ? within(have, want) || within(want, have) : have === want,
      ),
    );

  /* A part's rows, fetched once (relative to the page, as the build wrote it beside it). */
  const loaded = new Map();
  const rowsOf = (part) => {
    if (!loaded.has(part.file)) {
      const reading = fetch(new URL(part.file, window.location.href))
        .then((response) => {
          if (!response.ok) throw new Error(`${response.status} ${part.file}`);
          return response.text();
        })
        .then((text) => {
          const template = document.createElement("template");
          template.innerHTML = text;
          return [...template.content.querySelectorAll("tr")];
        });
      reading.catch(() => loaded.delete(part.file)); // asked again, fetched again
      loaded.set(part.file, reading);
    }
    return loaded.get(part.file);
  };

  /* The rows that can be in view: with a filter, every part that may match (the count is
     exact); without, the parts holding the first `limit` rows of the directory. */
  const candidates = async (filters) => {
    const needed = filters.length
      ? parts.filter((part) => mayMatch(part, filters))
      : parts.filter((part) => part.first < limit);
    return [...first, ...(await Promise.all(needed.map(rowsOf))).flat()];
  };

  const apply = async () => {
    const view = ++asked;
    const filters = selects.filter((s) => s.value).map((s) => [s.name, s.value]);
    let rows;
    try {
      rows = await candidates(filters);
    } catch (error) {
      if (view === asked) count.textContent = FAILED;
      console.error(error);
      return;
    }
    if (view !== asked) return;
    const matched = rows
      .filter((row) => filters.every((filter) => matches(row, filter)))
      .sort((a, b) => a.dataset.order - b.dataset.order);
    const found = filters.length ? matched.length : total;
    const shown = document.createDocumentFragment();
    for (const row of matched.slice(0, limit)) shown.append(row);
    body.replaceChildren(shown);
    const part = found > limit ? `，下面列出前 ${limit} 个` : "";
    count.textContent = filters.length
      ? `符合条件的方案 ${found} 个（共 ${total} 个）${part}`
      : `共 ${total} 个方案${part}`;
    empty.hidden = found > 0;
    more.hidden = found <= limit;
    root.dataset.shown = new URLSearchParams(filters).toString(); // the view on screen
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
