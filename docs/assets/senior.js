/* 文明创建方案公示平台: the elderly-friendly mode (长辈模式, 大字版; 工信部《互联网网站适老化
   通用设计规范》): larger text, stronger contrast, bigger tap targets (site.css, its last block).

   Loaded in <head> from this site (the Content-Security-Policy allows no inline script), so the
   reader's choice, kept in this browser's localStorage, is on <html> before the first paint:
   the page never shows small type and then jumps. The header's button (partials/header.html)
   turns it on and off; it stays hidden without JavaScript, where it could not work. */
(() => {
  const KEY = "civ-senior";
  const html = document.documentElement;
  const stored = () => {
    try {
      return localStorage.getItem(KEY) === "1";
    } catch {
      return false; // storage refused (private mode, blocked cookies): the standard layout
    }
  };
  const apply = (on) => {
    html.toggleAttribute("data-civ-senior", on);
    for (const button of document.querySelectorAll("[data-civ-senior-toggle]")) {
      // one name, pressed or not (a toggle whose name changed would read as two buttons)
      button.setAttribute("aria-pressed", String(on));
      button.title = on ? "长辈模式已打开，再点一下恢复标准字号" : "长辈模式：大字、高对比度、大按钮";
    }
  };
  apply(stored());
  document.addEventListener("DOMContentLoaded", () => {
    apply(stored());
    for (const button of document.querySelectorAll("[data-civ-senior-toggle]")) {
      button.hidden = false;
      button.addEventListener("click", () => {
        const on = !html.hasAttribute("data-civ-senior");
        try {
          localStorage.setItem(KEY, on ? "1" : "0");
        } catch {
          // not remembered, but this page still changes
        }
        apply(on);
      });
    }
  });
})();
