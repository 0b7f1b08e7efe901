// The project's side of the web editor (Decap CMS):
// 1. the plan file format: front matter read and written with js-yaml in the style the plans
//    are written in (dates and phone numbers quoted, `tags: [a, b]`, no line folding, top-level
//    keys in the form's order), so that saving a plan changes only the lines that were edited;
// 2. before saving: the date order of civplan/rules/dates.py (same messages), and the three
//    blanks every template has, filled from the form as `civplan new` fills them.
(function () {
  "use strict";
  var DAY = /^\d{4}-\d{2}-\d{2}/;
  var FENCE = "---";
  var yaml = window.jsyaml;

  function split(text) {
    var lines = text.replace(/\r\n?/g, "\n").split("\n");
    if (lines[0].trim() !== FENCE) return { meta: "", body: text };
    for (var i = 1; i < lines.length; i++) {
      if (lines[i].replace(/\s+$/, "") === FENCE || lines[i].replace(/\s+$/, "") === "...") {
        return { meta: lines.slice(1, i).join("\n"), body: lines.slice(i + 1).join("\n") };
      }
    }
    return { meta: lines.slice(1).join("\n"), body: "" };
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

  window.CMS.registerCustomFormat("civplan", "md", {
    fromFile: function (text) {
      var parts = split(text);
      var meta = yaml.load(parts.meta, { schema: yaml.JSON_SCHEMA }) || {};
      meta.body = parts.body;
      return meta;
    },
    toFile: function (data, sortedKeys) {
      var meta = Object.assign({}, data);
      var body = typeof meta.body === "string" ? meta.body : "";
      delete meta.body;
      var text = yaml.dump(ordered(meta, sortedKeys), { lineWidth: -1, quotingType: '"', noRefs: true });
      return FENCE + "\n" + restyle(text) + FENCE + "\n" + body;
    },
  });

  function text(value) {
    return typeof value === "string" ? value : "";
  }

  function dateProblems(data) {
    var found = [];
    var stages = data.get("stages");
    var previous = null;
    if (stages && stages.forEach) {
      stages.forEach(function (stage) {
        if (!stage || !stage.get) return;
        var name = text(stage.get("name"));
        var start = text(stage.get("start"));
        var end = text(stage.get("end"));
        if (DAY.test(start) && DAY.test(end) && end < start) {
          found.push("阶段“" + name + "”的结束日期 " + end + " 早于开始日期 " + start + "。请对调或改正这两个日期。");
        }
        if (previous && DAY.test(start) && DAY.test(previous.start) && start < previous.start) {
          found.push("阶段“" + name + "”（" + start + " 开始）排在“" + previous.name + "”（" + previous.start + " 开始）之后，却开始得更早。请按时间先后重新排列阶段。");
        }
        if (DAY.test(start)) previous = { name: name, start: start };
      });
    }
    var notice = data.get("notice");
    if (notice && notice.get) {
      var from = text(notice.get("start"));
      var to = text(notice.get("end"));
      if (DAY.test(from) && DAY.test(to) && to < from) {
        found.push("公示结束时间 " + to + " 早于开始时间 " + from + "。请把结束时间改为开始时间之后。");
      }
    }
    return found;
  }

  function filled(value) {
    return value !== undefined && value !== null && String(value) !== "" && !/〔待填/.test(String(value));
  }

  function fillBlanks(data) {
    var values = {
      "〔待填：单位名称〕": data.getIn(["unit", "name"]),
      "〔待填：年度〕": data.get("year"),
      "〔待填：目标级别〕": data.get("level"),
    };
    var pairs = Object.keys(values).filter(function (key) { return filled(values[key]); });
    if (!pairs.length) return data;
    function walk(value) {
      if (typeof value === "string") {
        return pairs.reduce(function (s, key) { return s.split(key).join(String(values[key])); }, value);
      }
      return value && typeof value.map === "function" && value.get ? value.map(walk) : value;
    }
    return walk(data);
  }

  window.CMS.registerEventListener({
    name: "preSave",
    handler: function (event) {
      var data = event.entry.get("data");
      var found = dateProblems(data);
      if (found.length) throw new Error(found.join(" "));
      return fillBlanks(data);
    },
  });
})();
