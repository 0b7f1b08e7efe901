/* 文明创建方案公示平台: a plan's floating 举报 button on a phone (partials/content.html) stays
   away while the 监督举报 link at the top of the plan is on screen: there the link is one tap
   away already, and the button would cover the plan's card (主管部门) on the first screen. */
(() => {
  const button = document.querySelector(".civ-report-button");
  const top = document.querySelector(".civ-jump__report");
  if (!button || !top || !("IntersectionObserver" in window)) return;
  button.classList.add("civ-report-button--away");
  new IntersectionObserver(([entry]) => {
    // away while the link is visible or still below (never scrolled past)
    const passed = !entry.isIntersecting && entry.boundingClientRect.top < 0;
    button.classList.toggle("civ-report-button--away", !passed);
  }).observe(top);
})();
