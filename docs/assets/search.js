/* 文明创建方案公示平台: the header's search box, answered by Pagefind from /pagefind/ on this
   site (built with the site, never fetched from elsewhere). Results are drawn in Material's
   search markup so that they look like the theme's.

   Chinese is indexed as overlapping character pairs (civplan/site/search_index.py): the query is
   cut into the same pairs here, and each result's text is put back together for its excerpt.

   pagefind/merge.json names the other indexes to join with Pagefind's mergeIndex: the further
   parts of a large site's index (pagefind/part-1/ …, civplan/site/search_index.py). One search
   spans them all, each index fetching only the chunks the query needs. On a sharded site's top
   level it names a search tier as well (civplan/site/search_tier.py): every plan of every shard
   by its unit, region, people and tags, read as far as the query needs; the results end with a
   link to each province's own full-text search (<shard>/?q=…), which any page opens. */
(() => {
  const box = document.querySelector("[data-civ-search]");
  const toggle = document.getElementById("__search");
  if (!box || !toggle) return;
  const input = box.querySelector(".md-search__input");
  const meta = box.querySelector(".md-search-result__meta");
  const list = box.querySelector(".md-search-result__list");
  const bundle = new URL("../pagefind/", document.currentScript.src);
  const root = new URL("..", bundle);
  const HINT = "输入单位名称、人名或关键词，例如“志愿服务”";
  const FAILED = "搜索暂时无法使用，请稍后再试";
  const SHOWN = 10;
  const RANKED = 30; // results read before sorting by kind: plans first, then templates, then guides
  const KINDS = ["方案", "模板", "说明"];
  const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
  const CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef";
  const PAIR = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2}$/;
  let loading = null;

  /* Pagefind, loaded once; every search waits for the same promise, so none can start it early. */
  const load = () =>
    (loading ??= (async () => {
      const pagefind = await import(new URL("pagefind.js", bundle).href);
      await pagefind.options({ baseUrl: new URL("..", bundle).pathname });
      // Pagefind takes its language from <html lang> and, for "zh", cuts the query into words
      // by its own dictionary. Our index is in pairs under "und": show Pagefind that language
      // for the one synchronous call that reads it, then put the page's back.
      const html = document.documentElement;
      const lang = html.getAttribute("lang");
      html.setAttribute("lang", "und");
      pagefind.init();
      html.setAttribute("lang", lang);
      // all at once: a province's shards come in dozens of parts, and one after another the
      // first search waited for each part's round trips in turn. Each index's results are
      // addresses under its own site: a shard's under its folder.
      await Promise.all(
        (await merged()).indexes.map(({ bundle: path, base }) =>
          pagefind.mergeIndex(new URL(path, bundle).pathname, {
            language: "und",
            baseUrl: new URL(base, bundle).pathname,
          }),
        ),
      );
      return pagefind;
    })());

  /* {indexes: the other indexes this site's search joins, as {bundle, base} relative to
     pagefind/; tier: the search tier's folder, or null}: read once. */
  let merging = null;
  const merged = () =>
    (merging ??= (async () => {
      const response = await fetch(new URL("merge.json", bundle));
      return response.ok ? response.json() : { indexes: [], tier: null };
    })());

  /* The search tier's files, each fetched once: tier.json as it is, the others gzip-compressed
     by the build and unpacked here. */
  const files = new Map();
  const cached = (url, read) => {
    if (!files.has(url.href)) {
      files.set(
        url.href,
        fetch(url).then((response) => {
          if (!response.ok) throw new Error(`${response.status} ${url}`);
          return read(response);
        }),
      );
    }
    return files.get(url.href);
  };
  const unpacked = (url) =>
    cached(url, (response) =>
      new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).json(),
    );

  /* tier.json: how many records, buckets and records a file; the shards' ids and names. */
  const tierHead = (folder) =>
    cached(new URL("tier.json", new URL(folder, bundle)), (response) => response.json());

  /* The tier's terms of a query, as search_tier.terms makes them of a plan: overlapping pairs
     of each run of Chinese characters (a lone one as it is) and lower-case words; a run is a
     term whole too, but only as a preference (asWhole), since a query may be part of a run. */
  const tierTerms = (query) => {
    const found = new Set((query.match(/[0-9A-Za-z]+/g) || []).map((w) => w.toLowerCase()));
    for (const run of query.match(HAN) || []) {
      const chars = [...run];
      if (chars.length === 1) found.add(run);
      for (let i = 0; i + 1 < chars.length; i++) found.add(chars[i] + chars[i + 1]);
    }
    return [...found];
  };

  /* A query that is one run of 3 to 12 Chinese characters (search_tier.WHOLE): a name. */
  const asWhole = (query) => {
    const run = query.trim();
    const length = [...run].length;
    return length > 2 && length <= 12 && (run.match(HAN) || [])[0] === run ? run : null;
  };

  /* FNV-1a over the term's code points, as search_tier.bucket. */
  const tierBucket = (term, count) => {
    let value = 0x811c9dc5;
    for (const char of term) value = Math.imul(value ^ char.codePointAt(0), 0x01000193) >>> 0;
    return value % count;
  };

  /* [count, first, second − first, …] → {count, numbers}. */
  const decoded = ([count, ...deltas]) => {
    let at = 0;
    return { count, numbers: deltas.map((d) => (at += d)) };
  };

  /* Plans of the tier that hold every term of the query, in the directory's order: {count,
     more (true when there may be more than count), results}. A term in more than the tier's
     limit of plans keeps only its first ones (civplan/site/search_tier.py): such a list decides
     a plan up to its last number. With a term kept whole (a unit's number, a person's name),
     its plans are the candidates, and one past a cut list's end is read from its own record;
     with every term cut, below the lowest cut the intersection is exact. */
  const tierSearch = async (folder, query) => {
    const tier = await tierHead(folder);
    const wanted = tierTerms(query);
    if (!wanted.length) return { count: 0, more: false, results: [] };
    const list = async (term) => {
      const terms = await unpacked(new URL(`terms/${tierBucket(term, tier.buckets)}.tier`, folder));
      return Object.hasOwn(terms, term) ? decoded(terms[term]) : { count: 0, numbers: [] };
    };
    const run = asWhole(query);
    const [lists, named] = await Promise.all([
      Promise.all(wanted.map(list)),
      run ? list(run) : { count: 0, numbers: [] },
    ]);
    const record = async (n) => {
      const part = await unpacked(new URL(`records/${Math.floor(n / tier.per_file)}.tier`, folder));
      const [url, title, text] = part[n % tier.per_file];
      return { n, url: new URL(url, root).href, meta: { title, kind: KINDS[0] }, text };
    };
    const whole = lists.filter((l) => l.count === l.numbers.length);
    const cut = lists
      .filter((l) => l.count > l.numbers.length)
      .map((l) => ({ last: l.numbers.at(-1), has: new Set(l.numbers) }));
    const unsure = (n) => cut.some((c) => n > c.last);
    const holds = (data) => {
      const have = new Set(tierTerms(`${data.meta.title} ${data.text}`));
      return wanted.every((term) => have.has(term));
    };
    let candidates;
    if (whole.length) {
      whole.sort((a, b) => a.numbers.length - b.numbers.length);
      const others = whole.slice(1).map((l) => new Set(l.numbers));
      candidates = whole[0].numbers.filter(
        (n) => others.every((s) => s.has(n)) && cut.every((c) => n > c.last || c.has.has(n)),
      );
    } else {
      const below = Math.min(...cut.map((c) => c.last));
      candidates = [...cut[0].has].filter((n) => n <= below && cut.every((c) => c.has.has(n)));
    }
    // the plans that hold the query whole first (a name kept whole: exact)
    if (named.count && named.count === named.numbers.length) {
      const first = new Set(named.numbers);
      candidates = [...named.numbers, ...candidates.filter((n) => !first.has(n))];
    }
    // as many records as the list shows (plans come first in it): each is a file to fetch
    const results = [];
    let at = 0;
    while (results.length < SHOWN && at < candidates.length) {
      const read = await Promise.all(candidates.slice(at, at + SHOWN).map(record));
      results.push(...read.filter((data) => !unsure(data.n) || holds(data)));
      at += SHOWN;
    }
    const left = candidates.slice(at);
    const more = !whole.length || left.some(unsure);
    // the query as written first, then plans that hold its pairs apart
    const asWritten = (data) => (`${data.meta.title} ${data.text}`.includes(query.trim()) ? 0 : 1);
    results.sort((a, b) => asWritten(a) - asWritten(b));
    return { count: results.length + left.filter((n) => !unsure(n)).length, more, results };
  };

  /* Every shard publishes the same templates: on the top level show each page title once. */
  const once = (results) => {
    const seen = new Set();
    return results.filter((data) => !seen.has(data.meta.title) && seen.add(data.meta.title));
  };

  /* “示例县水利局” → “示例 县水 利局”: pairs side by side (the last one overlaps on odd lengths). */
  const terms = (query) =>
    query
      .replace(HAN, (run) => {
        if (run.length < 3) return ` ${run} `;
        const out = [];
        for (let i = 0; i + 1 < run.length; i += 2) out.push(run.slice(i, i + 2));
        if (run.length % 2) out.push(run.slice(-2));
        return ` ${out.join(" ")} `;
      })
      .trim()
      .replace(/\s+/g, " ");

  /* The indexed text “林卫 卫东 党委 委书 书记” back to “林卫东 党委书记”. */
  const readable = (content) => {
    let text = "";
    let last = "";
    for (const word of content.split(" ")) {
      if (PAIR.test(word) && PAIR.test(last) && last[1] === word[0]) text += word[1];
      else text += (text ? " " : "") + word;
      last = word;
    }
    return text.replace(new RegExp(`(?<=[${CJK}]) | (?=[${CJK}])`, "g"), "");
  };

  /* A line of the result's text around the first place the query occurs, the query marked. */
  const excerpt = (text, query) => {
    const words = query.split(/\s+/).filter(Boolean);
    const found = words.map((w) => text.indexOf(w)).filter((i) => i >= 0);
    const start = found.length ? Math.max(0, Math.min(...found) - 20) : 0;
    const line = (start ? "…" : "") + text.slice(start, start + 90) + "…";
    const p = document.createElement("p");
    const pattern = new RegExp(`(${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})`);
    for (const [i, piece] of line.split(pattern).entries()) {
      if (!piece) continue;
      if (i % 2) {
        const mark = document.createElement("mark");
        mark.textContent = piece;
        p.append(mark);
      } else p.append(piece);
    }
    return p;
  };

  const item = (data, query) => {
    const li = document.createElement("li");
    li.className = "md-search-result__item";
    const link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = data.url;
    const article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    const title = document.createElement("h2");
    title.className = "civ-search__title";
    const kind = KINDS.includes(data.meta.kind) ? data.meta.kind : "说明";
    const label = document.createElement("span");
    label.className = `civ-search__kind civ-search__kind--${KINDS.indexOf(kind)}`;
    label.textContent = kind;
    title.append(label, data.meta.title || data.url);
    article.append(title, excerpt(data.text ?? readable(data.content), query));
    link.append(article);
    li.append(link);
    return li;
  };

  /* The last line of a top level's results: each province's own full-text search, with the
     query (a shard's page opened with ?q= searches at once). */
  const elsewhere = (shards, query) => {
    const li = document.createElement("li");
    li.className = "md-search-result__item civ-search__shards";
    const p = document.createElement("p");
    p.append(`在一个省的全部方案全文中查找“${query}”：`);
    for (const [i, { id, name }] of shards.entries()) {
      const link = document.createElement("a");
      link.href = new URL(`${id}/?q=${encodeURIComponent(query)}`, root).href;
      link.textContent = name;
      p.append(...(i ? ["、", link] : [link]));
    }
    li.append(p);
    return li;
  };

  const show = async (query) => {
    if (!query.trim()) {
      meta.textContent = HINT;
      list.replaceChildren();
      return;
    }
    let found, tier, tiered;
    try {
      found = await (await load()).debouncedSearch(terms(query), {}, 200);
      // after Pagefind's pause for typing, so that a query typed halfway reads no tier file
      tier = found && (await merged()).tier;
      if (tier) tiered = await tierSearch(new URL(tier, bundle), query);
    } catch (error) {
      // an index file that did not arrive or does not parse: say so rather than wait forever
      if (input.value === query) meta.textContent = FAILED;
      console.error(error);
      return;
    }
    if (found === null) return; // a newer query superseded this one
    const own = await Promise.all(found.results.slice(0, RANKED).map((r) => r.data()));
    if (input.value !== query) return;
    const read = [...(tiered?.results || []), ...own];
    const rank = (data) => {
      const at = KINDS.indexOf(data.meta.kind);
      return at < 0 ? KINDS.length : at;
    };
    // a stable sort: within each kind, Pagefind's order (best match first) stays
    const unique = once(read);
    const results = unique
      .map((data, at) => [rank(data), at, data])
      .sort((a, b) => a[0] - b[0] || a[1] - b[1])
      .slice(0, SHOWN)
      .map((entry) => entry[2]);
    const count = found.results.length + (tiered?.count || 0) - (read.length - unique.length);
    const told = tiered?.more ? `找到至少 ${count} 个结果` : `找到 ${count} 个结果`;
    meta.textContent = count
      ? told + (count > SHOWN ? `，显示前 ${SHOWN} 个` : "")
      : "没有找到结果，请换个关键词";
    const last = tier ? [elsewhere((await tierHead(tier)).shards, query)] : [];
    list.replaceChildren(...results.map((data) => item(data, query)), ...last);
    box.dataset.shown = query; // the query whose results are on screen
  };

  const open = (on) => {
    if (toggle.checked !== on) {
      toggle.checked = on;
      toggle.dispatchEvent(new Event("change"));
    }
  };

  input.addEventListener("focus", () => open(true));
  input.addEventListener("input", () => show(input.value));
  toggle.addEventListener("change", () => {
    if (toggle.checked && document.activeElement !== input) input.focus();
    if (!toggle.checked) input.blur();
  });
  const form = box.querySelector("form");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const first = list.querySelector("a");
    if (first) window.location.href = first.href;
  });
  form.addEventListener("reset", () => {
    list.replaceChildren();
    meta.textContent = HINT;
    input.focus();
  });
  box.addEventListener("keydown", (event) => {
    const links = [...list.querySelectorAll("a")];
    const at = links.indexOf(document.activeElement);
    if (event.key === "Escape") {
      open(false);
    } else if (event.key === "ArrowDown" && links.length) {
      event.preventDefault();
      links[Math.min(at + 1, links.length - 1)].focus();
    } else if (event.key === "ArrowUp" && at >= 0) {
      event.preventDefault();
      (at === 0 ? input : links[at - 1]).focus();
    }
  });
  // a page opened with ?q=… (a top level's link to one province's full text) searches at once
  const asked = new URLSearchParams(window.location.search).get("q");
  if (asked) {
    input.value = asked;
    open(true);
    show(asked);
  }
  document.addEventListener("keydown", (event) => {
    const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement?.tagName || "");
    const plain = !event.ctrlKey && !event.metaKey && !event.altKey;
    if (!typing && plain && (event.key === "/" || event.key === "s")) {
      event.preventDefault();
      input.focus();
    }
  });
})();
