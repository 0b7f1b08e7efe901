// The project's side of the web editor (Decap CMS). No rule of civplan check lives here: the
// check is the server's (make edit: civplan/cli/cms_check.py) or CI's (hosted mode).
// 1. The plan file format. A plan that exists is saved by editing its own text: the front
//    matter is parsed with the `yaml` package (docs/admin/yaml, loaded as window.YAML), only
//    the values the form changed are set or deleted, and the document is written back, so
//    comments, key order, quoting, blank lines and the body are kept; an unchanged line comes
//    back as written unless it was indented otherwise than the writer's two spaces. A new plan
//    (no text yet) is written with js-yaml in the style `civplan new` writes.
// 2. The 修改说明 of a published plan: the form's 本次修改说明 becomes the first entry of
//    `revisions`, dated today (Beijing time), in the same save.
// 3. The check: a 检查 field at the top of the form and every save ask the local server for
//    the problems `civplan check` finds; a save with an error is stopped with them listed.
// 4. Where the problems show: each under its field in the form (found by the key path the
//    server gives, through the `<name>-field-<n>` ids Decap gives its controls), the rest
//    (no field, or a field the form does not show) at the top of the form, in the 检查 field.
(function () {
  "use strict";
  var FENCE = "---";
  var RAW = "civplan_raw"; // the file's text as read: the base of the next save
  var GROUP = "civplan_template"; // the template id, flat: Decap's collection filter
  var NOTE = "civplan_note"; // 本次修改说明
  var ADDRESS = "civplan_address"; // the new file's name, from the server (the pinyin slug)
  var FORM_ONLY = [RAW, GROUP, NOTE, ADDRESS, "civplan_check"];
  var WRITE = { lineWidth: 0, minContentWidth: 0, flowCollectionPadding: false };
  var API = "/api/v1";

  // --- 1. the file format -----------------------------------------------------------------

  function split(text) {
    var lines = text.replace(/\r\n?/g, "\n").split("\n");
    if (lines[0].trim() !== FENCE) return null;
    for (var i = 1; i < lines.length; i++) {
      var line = lines[i].replace(/\s+$/, "");
      if (line === FENCE || line === "...") {
        return {
          head: lines[0] + "\n",
          meta: lines.slice(1, i).join("\n") + (i > 1 ? "\n" : ""),
          fence: lines[i] + "\n",
          body: lines.slice(i + 1).join("\n"),
        };
      }
    }
    return null;
  }

  function read(text) {
    var parts = split(text);
    if (!parts) return { body: text };
    return window.jsyaml.load(parts.meta, { schema: window.jsyaml.JSON_SCHEMA }) || {};
  }

  // Strings that a YAML 1.1 reader could take for something else keep their quotes.
  var QUOTE = [/^\d[\d-]*-[\d-]*$/, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/];

  function restyle(text) {
    text = text.replace(/^(\s*(?:- )*(?:[A-Za-z_][\w-]*: )?)([^"'\s].*)$/gm, function (all, head, value) {
      return QUOTE.some(function (rx) { return rx.test(value); }) ? head + '"' + value + '"' : all;
    });
    return text.replace(/^tags:\n((?: {2}- .*\n)+)/m, function (all, items) {
      var values = items.trim().split("\n").map(function (line) { return line.replace(/^\s*- /, ""); });
      return "tags: [" + values.join(", ") + "]\n";
    });
  }

  function ordered(data, keys) {
    var out = {};
    (keys || []).forEach(function (key) { if (key in data) out[key] = data[key]; });
    Object.keys(data).forEach(function (key) { if (!(key in out)) out[key] = data[key]; });
    return out;
  }

  function empty(value) {
    return value === undefined || value === null || value === "" ||
      (Array.isArray(value) && !value.length) ||
      (typeof value === "object" && !Array.isArray(value) && !Object.keys(value).length);
  }

  function same(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  function isMap(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  // A node for a value the file did not have: dates and numbers-with-dashes quoted.
  function made(doc, value) {
    var node = doc.createNode(value);
    window.YAML.visit(node, {
      Scalar: function (key, scalar) {
        if (key !== "key" && typeof scalar.value === "string" && QUOTE.some(function (rx) { return rx.test(scalar.value); })) {
          scalar.type = "QUOTE_DOUBLE";
        }
      },
    });
    return node;
  }

  // Apply to `doc` what differs between the old data and the new, and nothing else.
  function edit(doc, path, old, now) {
    if (same(old, now)) return;
    if (isMap(old) && isMap(now)) {
      Object.keys(now).forEach(function (key) {
        if (!(key in old)) {
          if (!empty(now[key])) doc.setIn(path.concat([key]), made(doc, now[key]));
        } else {
          edit(doc, path.concat([key]), old[key], now[key]);
        }
      });
      Object.keys(old).forEach(function (key) {
        if (!(key in now)) doc.deleteIn(path.concat([key]));
      });
    } else if (Array.isArray(old) && Array.isArray(now)) {
      editList(doc, path, old, now);
    } else if (empty(now)) {
      doc.deleteIn(path);
    } else if (isMap(now) || Array.isArray(now)) {
      doc.setIn(path, made(doc, now));
    } else {
      doc.setIn(path, now); // an existing scalar keeps its quotes and comments
    }
  }

  // Lists: the items both ends share stay as they are, so a note added at the top or a
  // stage removed in the middle touches those lines only.
  function editList(doc, path, old, now) {
    var start = 0;
    while (start < old.length && start < now.length && same(old[start], now[start])) start++;
    var end = 0;
    while (end < old.length - start && end < now.length - start &&
      same(old[old.length - 1 - end], now[now.length - 1 - end])) end++;
    var oldMiddle = old.length - start - end;
    var newMiddle = now.length - start - end;
    var both = Math.min(oldMiddle, newMiddle);
    for (var i = 0; i < both; i++) edit(doc, path.concat([start + i]), old[start + i], now[start + i]);
    var seq = path.length ? doc.getIn(path, true) : doc.contents;
    if (newMiddle > both) {
      var added = now.slice(start + both, start + newMiddle).map(function (value) { return made(doc, value); });
      seq.items.splice.apply(seq.items, [start + both, 0].concat(added));
    }
    if (oldMiddle > both) seq.items.splice(start + both, oldMiddle - both);
  }

  // The writer puts one space before an end-of-line comment; a line that is otherwise the
  // same as one of the original keeps the original's spacing, byte for byte.
  function keepSpacing(before, after) {
    var known = {};
    var squeeze = function (line) { return line.replace(/\s+#/, " #").replace(/\s+$/, ""); };
    before.split("\n").forEach(function (line) { known[squeeze(line)] = line; });
    return after.split("\n").map(function (line) {
      return Object.prototype.hasOwnProperty.call(known, squeeze(line)) ? known[squeeze(line)] : line;
    }).join("\n");
  }

  function edited(raw, meta, body) {
    var parts = split(raw);
    var doc = window.YAML.parseDocument(parts.meta, { version: "1.1" });
    edit(doc, [], read(raw), meta);
    var text = parts.meta === "" && same(meta, {}) ? "" : keepSpacing(parts.meta, doc.toString(WRITE));
    return parts.head + text + parts.fence + (body === read(raw).body ? parts.body : body);
  }

  function toFile(data, sortedKeys) {
    var meta = Object.assign({}, data);
    var raw = meta[RAW];
    FORM_ONLY.forEach(function (key) { delete meta[key]; });
    var body = typeof meta.body === "string" ? meta.body : "";
    delete meta.body;
    if (typeof raw === "string" && split(raw) && window.YAML) {
      return edited(raw, meta, body === split(raw).body ? split(raw).body : body);
    }
    var text = window.jsyaml.dump(ordered(meta, sortedKeys), { lineWidth: -1, quotingType: '"', noRefs: true });
    return FENCE + "\n" + restyle(text) + FENCE + "\n" + body;
  }

  // Each plan is listed once: in its template's collection, or in 其他方案 (key "_other",
  // civplan/site/cms.py OTHER) when no collection has its template. The page names the ids
  // that have one.
  var TEMPLATES = (function () {
    var meta = document.querySelector('meta[name="civplan-templates"]');
    return meta ? meta.getAttribute("content").split(/\s+/).filter(Boolean) : [];
  })();

  function collectionKey(id) {
    return typeof id === "string" && TEMPLATES.indexOf(id) >= 0 ? id : "_other";
  }

  window.CMS.registerCustomFormat("civplan", "md", {
    fromFile: function (text) {
      var parts = split(text);
      var data = read(text);
      if (parts) data.body = parts.body;
      data[RAW] = text;
      data[GROUP] = collectionKey(data.template && data.template.id);
      return data;
    },
    toFile: toFile,
  });

  // --- 2. the 修改说明 and the blanks a new plan fills -------------------------------------

  function today() {
    return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
  }

  // The note goes first in `revisions`, once: a second save of the same form adds no copy.
  function withNote(data) {
    var note = data.get(NOTE);
    if (typeof note !== "string" || !note.trim()) return data.delete(NOTE);
    var revisions = data.get("revisions") ? data.get("revisions").toList() : data.clear().toList();
    var first = revisions.first();
    if (first && first.get && first.get("note") === note.trim()) return data.delete(NOTE);
    var added = data.clear().set("date", today()).set("note", note.trim()); // an empty Map
    return data.set("revisions", revisions.unshift(added)).delete(NOTE);
  }

  // The one blank pattern (civplan/model/blank.py), given by the page civplan/site/cms.py writes.
  var BLANK = new RegExp(document.querySelector('meta[name="civplan-blank"]').content);
  function filled(value) {
    return value !== undefined && value !== null && String(value) !== "" && !BLANK.test(String(value));
  }

  function fillBlanks(data) {
    var values = {
      "〔待填：单位名称〕": data.getIn(["unit", "name"]),
      "〔待填：年度〕": data.get("year"),
      "〔待填：目标级别〕": data.get("level"),
    };
    var pairs = Object.keys(values).filter(function (key) { return filled(values[key]); });
    if (!pairs.length) return data;
    function walk(value, key) {
      if (key === RAW) return value;
      if (typeof value === "string") {
        return pairs.reduce(function (s, k) { return s.split(k).join(String(values[k])); }, value);
      }
      return value && typeof value.map === "function" && value.get ? value.map(walk) : value;
    }
    return walk(data);
  }

  // --- 3. the check --------------------------------------------------------------------------

  // The server's answer: {problems: [...], path} in make edit, null where there is no server.
  function check(path, raw) {
    return fetch(API, {
      method: "POST",
      headers: { "Content-Type": "application/json; charset=utf-8" },
      body: JSON.stringify({ action: "civplanCheck", params: { path: path, raw: raw } }),
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).catch(function () { return null; });
  }

  var ASK_NOTE = "请在表单最上面的“本次修改说明”里用一句话写明改了什么，保存时会写进“修改说明”的第一条。";

  function said(p) {
    return p.message + (p.rule === "revision-note" ? ASK_NOTE : "");
  }

  function listed(problems) {
    return problems.map(function (p) {
      // the line, not the key path (supervision.phones.0.number): the form shows labels
      return p.severity + " 第 " + p.line + " 行：" + said(p);
    });
  }

  // A refusal Decap prints as it is: its toast shows String(error), and an Error would add
  // its English name in front of the Chinese words.
  function Refusal(lines) {
    this.message = lines.join("\n");
  }
  Refusal.prototype.toString = function () { return this.message; };

  function fileText(data) {
    return toFile(data.toJS(), null);
  }

  function entryPath(entry) {
    return entry.get("path") || "plans/new.md";
  }

  // The form's data as it will be written: blanks filled, the note in `revisions`.
  function checked(entry) {
    var data = withNote(fillBlanks(entry.get("data")));
    return check(entryPath(entry), fileText(data)).then(function (answer) {
      if (answer) show(answer.problems);
      return { data: data, answer: answer };
    });
  }

  window.CMS.registerEventListener({
    name: "preSave",
    handler: function (event) {
      return checked(event.entry).then(function (result) {
        var data = result.data;
        var answer = result.answer;
        if (!answer) return data.set(ADDRESS, slugFallback(data));
        var errors = answer.problems.filter(function (p) { return p.severity === "错误"; });
        if (errors.length) {
          throw new Refusal(["没有保存，请先改正下面 " + errors.length + " 个错误（也已用红字标在各栏下面）："].concat(listed(errors)));
        }
        return data.set(ADDRESS, answer.path.replace(/^.*\//, "").replace(/\.md$/, ""));
      });
    },
  });

  // Hosted mode (no server): the name Decap gave plans before, unit and year.
  function slugFallback(data) {
    return [data.getIn(["unit", "name"]), data.get("year")].filter(filled).join("-") || "plan";
  }

  var phrases = window.CMS.getLocale("zh_Hans");
  if (phrases && phrases.ui && phrases.ui.toast) {
    phrases.ui.toast.onFailToPersist = "%{details}";
    window.CMS.registerLocale("zh_Hans", phrases);
  }

  // --- 4. where the problems show ------------------------------------------------------------

  var FIELD_ID = /^(.+)-field-\d+$/;
  var MARK = "data-civplan-problem";

  function fieldName(element) {
    var match = FIELD_ID.exec(element.id || "");
    return match && match[1];
  }

  // The field control a DOM element lies in (its nearest ancestor with a field id), or null.
  function owner(element) {
    for (var node = element.parentElement; node; node = node.parentElement) {
      if (fieldName(node)) return node;
    }
    return null;
  }

  // The control of field `name` directly inside `scope` (a group's or item's control; null
  // for the form's top level), not one of the same name deeper down.
  function childField(scope, name) {
    var found = (scope || document).querySelectorAll('[id^="' + CSS.escape(name) + '-field-"]');
    return Array.prototype.find.call(found, function (element) {
      return fieldName(element) === name && owner(element) === scope;
    }) || null;
  }

  // Item `index` of the list control `scope`.
  function listItem(scope, index) {
    var items = Array.prototype.filter.call(scope.querySelectorAll('[class*="listControlItem"]'), function (element) {
      return owner(element) === scope;
    });
    return items[index] || null;
  }

  // The control of a key path ("supervision.phones.0.number"), or the deepest one of its
  // groups the form shows (a problem in a collapsed item goes under the list); null if none.
  function control(path) {
    var scope = null;
    var target = null;
    path.split(".").every(function (part) {
      var next = /^\d+$/.test(part) ? (target && listItem(target, Number(part))) : childField(scope, part);
      if (!next) return false;
      target = next;
      if (fieldName(next)) scope = next;
      return true;
    });
    return target;
  }

  // A missing 修改说明 is written in the form's own 本次修改说明 field, not in `revisions`.
  function whereShown(problem) {
    if (problem.rule === "revision-note") return childField(null, NOTE) || control(problem.field);
    return problem.field ? control(problem.field) : null;
  }

  function note(problem) {
    var element = document.createElement("p");
    element.setAttribute(MARK, problem.severity);
    element.style.cssText = "margin:6px 0 0;padding:4px 8px;border-radius:4px;font-size:13px;line-height:1.6;" +
      (problem.severity === "错误" ? "color:#b3261e;background:#fdecea;" : "color:#7a4f01;background:#fff4d6;");
    element.textContent = problem.severity + "（第 " + problem.line + " 行）：" + said(problem);
    return element;
  }

  // Under a field's own control, after its earlier problems.
  function place(problem, target) {
    var element = note(problem);
    if (fieldName(target)) {
      var after = target; // after the field's earlier problems: the server's order
      while (after.nextElementSibling && after.nextElementSibling.hasAttribute(MARK)) after = after.nextElementSibling;
      after.insertAdjacentElement("afterend", element);
    } else {
      target.appendChild(element);
    }
  }

  // The last check's problems: those under no field go to the 检查 field at the top.
  var top = { problems: null, listeners: [] };

  function show(problems) {
    Array.prototype.forEach.call(document.querySelectorAll("[" + MARK + "]"), function (element) {
      element.remove();
    });
    var unplaced = problems.filter(function (problem) {
      var target = whereShown(problem);
      if (target) place(problem, target);
      return !target;
    });
    top.problems = { all: problems, unplaced: unplaced };
    top.listeners.forEach(function (listener) { listener(); });
  }

  function summary(found) {
    var errors = found.all.filter(function (p) { return p.severity === "错误"; }).length;
    var warnings = found.all.length - errors;
    if (!found.all.length) return "没有发现问题，可以保存。";
    var head = "发现 " + errors + " 个错误、" + warnings + " 个警告";
    return head + (found.all.length > found.unplaced.length ? "，已用红字标在对应的栏目下面" : "") +
      (errors ? "；有错误时不能保存。" : "；警告不妨碍保存。");
  }

  // The 检查 field: a button that checks the form as it is now (the entry in Decap's store,
  // getEntry: the `entry` prop is the form as it was opened), and the problems under no field.
  var h = window.h;
  var CheckControl = window.createClass({
    getInitialState: function () { return { busy: false, offline: false, found: null }; },
    componentDidMount: function () {
      top.problems = null;
      top.listeners.push(this.refresh);
    },
    componentWillUnmount: function () {
      var refresh = this.refresh;
      top.listeners = top.listeners.filter(function (listener) { return listener !== refresh; });
    },
    refresh: function () { this.setState({ found: top.problems }); },
    run: function () {
      var self = this;
      var entry = this.props.getEntry ? this.props.getEntry() : this.props.entry;
      self.setState({ busy: true });
      checked(entry).then(function (result) {
        self.setState({ busy: false, offline: !result.answer });
      });
    },
    render: function () {
      var found = this.state.found;
      var lines = this.state.offline ? ["检查要在本机的编辑器（make edit）中进行；在托管平台上保存后，由合并请求的检查给出结果。"]
        : found ? [summary(found)].concat(listed(found.unplaced)) : null;
      return h("div", { className: this.props.classNameWrapper, "data-civplan-check": "" },
        h("button", { type: "button", onClick: this.run, disabled: this.state.busy }, this.state.busy ? "正在检查…" : "检查"),
        lines ? h("ul", { role: "status" }, lines.map(function (line, i) { return h("li", { key: i }, line); })) : null);
    },
  });
  window.CMS.registerWidget("civplan-check", CheckControl, function () { return null; });
})();
