/**
 * The preview's own stylesheet and browser script (served at /__pobook/…).
 * Kept small and dependency-free: the page needs a layout, the two toggles
 * and the live-reload client, nothing a library would add.
 */

export const PREVIEW_CSS = `
body.pobook-preview { margin: 0; font-family: system-ui, sans-serif; line-height: 1.5; display: grid; grid-template-columns: 16rem 1fr; grid-template-rows: auto 1fr auto; min-height: 100vh; }
#pobook-nav { grid-row: 1 / 4; background: #f5f5f5; border-right: 1px solid #ddd; padding: 1rem; overflow-y: auto; font-size: 0.95rem; }
#pobook-nav ol { list-style: none; padding-left: 1rem; margin: 0; }
#pobook-nav > ol { padding-left: 0; }
#pobook-nav .part-title { font-weight: bold; margin-top: 1rem; }
#pobook-nav .draft { color: #888; }
#pobook-nav a.active { font-weight: bold; }
#pobook-nav .spacer { border-top: 1px solid #ccc; margin: 0.5rem 0; }
#pobook-nav strong[aria-hidden] { font-weight: normal; color: #666; }
body.fold #pobook-nav li.chapter-item:not(.expanded) > ol.section { display: none; }
#pobook-nav .toggle { border: 0; background: none; cursor: pointer; padding: 0 0.4rem; color: #666; transition: transform 0.1s; }
#pobook-nav li.expanded > .toggle { transform: rotate(90deg); }
#pobook-languages { position: relative; }
#pobook-languages summary { cursor: pointer; }
#pobook-languages ul { position: absolute; z-index: 2; list-style: none; margin: 0.25rem 0 0; padding: 0.25rem 0; background: #fff; border: 1px solid #ccc; min-width: 12rem; }
#pobook-languages a { display: block; padding: 0.2rem 0.75rem; }
#pobook-languages a[aria-current] { font-weight: bold; }
#pobook-toolbar { display: flex; gap: 1.5rem; align-items: center; padding: 0.5rem 1.5rem; border-bottom: 1px solid #ddd; font-size: 0.9rem; background: #fff; position: sticky; top: 0; z-index: 1; }
#pobook-stats { margin-left: auto; color: #555; }
#pobook-content { padding: 0 2rem 2rem; max-width: 60rem; }
#pobook-content a.header { color: inherit; text-decoration: none; }
#pobook-pager { display: flex; justify-content: space-between; padding: 1rem 2rem; border-top: 1px solid #ddd; }
#pobook-error { background: #fdecea; color: #8a1c1c; padding: 0.5rem 1rem; border: 1px solid #e0a0a0; white-space: pre-wrap; }
pre { background: #f6f8fa; padding: 0.75rem; overflow-x: auto; }
pre code.hljs { padding: 0; background: transparent; }
body.po-marks .po-msg.po-untranslated { outline: 2px dashed #d33; background: #fdecea; }
body.po-marks .po-msg.po-fuzzy { outline: 2px dashed #e69500; background: #fff4e0; }
body.po-marks .po-msg.po-rejected { outline: 2px dashed #8e44ad; background: #f4ecf7; }
.po-pair { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; align-items: start; border-bottom: 1px dotted #ddd; }
.po-source { color: #555; background: #f9f9f4; border-left: 3px solid #c8c8a0; padding: 0 0.5rem; white-space: pre-wrap; font-size: 0.9em; margin: 0.5em 0; }
`;

export const PREVIEW_JS = `
(() => {
  const body = document.body;
  const marks = document.getElementById("pobook-marks");
  const side = document.getElementById("pobook-side");
  const remember = (key, box) => {
    box.checked = localStorage.getItem(key) === "1";
    box.addEventListener("change", () => { localStorage.setItem(key, box.checked ? "1" : "0"); apply(); });
  };

  // Side by side: the source text of each marked block next to it (inside cells and list items).
  function sideBySide() {
    for (const block of document.querySelectorAll("#pobook-content [data-po-source]")) {
      const source = document.createElement("div");
      source.className = "po-source";
      source.lang = body.dataset.sourceLanguage || "";
      source.textContent = block.dataset.poSource;
      if (["TD", "TH", "LI", "DD", "DT"].includes(block.tagName)) { block.append(source); continue; }
      const pair = document.createElement("div");
      pair.className = "po-pair";
      block.replaceWith(pair);
      pair.append(block, source);
    }
  }

  let lastPage = null;
  function apply() {
    body.classList.toggle("po-marks", marks.checked);
    body.classList.toggle("po-side", side.checked);
    if (lastPage) for (const id of ["pobook-content"]) document.getElementById(id).innerHTML = lastPage.getElementById(id).innerHTML;
    if (side.checked) sideBySide();
  }

  async function refresh() {
    const response = await fetch(location.pathname, { cache: "no-store" });
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    lastPage = page;
    for (const id of ["pobook-nav", "pobook-pager", "pobook-stats", "pobook-error-slot"]) {
      const fresh = page.getElementById(id);
      if (fresh) document.getElementById(id).innerHTML = fresh.innerHTML;
    }
    document.title = page.title;
    apply();
    body.dataset.version = String(Number(body.dataset.version || "0") + 1);
  }

  // Foldable sections ([output.html.fold]): the arrow opens and closes its chapter's section (a button: Enter and Space work).
  document.getElementById("pobook-nav").addEventListener("click", (event) => {
    const toggle = event.target.closest(".toggle");
    if (!toggle) return;
    const item = toggle.closest("li");
    const open = item.classList.toggle("expanded");
    toggle.setAttribute("aria-expanded", String(open));
  });

  remember("pobook-marks", marks);
  remember("pobook-side", side);
  lastPage = new DOMParser().parseFromString(document.documentElement.outerHTML, "text/html");
  apply();
  const events = new EventSource("/__pobook/events");
  events.addEventListener("change", () => { refresh().catch(() => location.reload()); });
  events.addEventListener("open", () => { body.dataset.live = "1"; });
})();
`;
