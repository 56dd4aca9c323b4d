/**
 * The language picker of a published book: a script and a stylesheet that
 * mdBook adds to every page through `[output.html] additional-js` and
 * `additional-css`, so that no theme file (index.hbs) has to be forked.
 *
 * The script finds the page's language in `<html lang>` (mdBook writes the
 * book's `language` there), the book's root from its own URL (mdBook links
 * additional scripts from the book root), and the page's path under that
 * root; the same page in another language is that path under the other
 * language's root (every translated tree keeps the source's file layout).
 * It adds a button with a menu to mdBook's menu bar and a
 * `<link rel="alternate" hreflang>` per language to the page's head.
 */

/** One language of the site, as the picker lists it. */
export interface PickerLanguage {
  code: string;
  /** Its name in itself (languages.ts). */
  name: string;
  dir: "ltr" | "rtl";
  /** Its book's folder under the site root: "" or "pt-BR/" (ends with `/`). */
  path: string;
}

export interface PickerData {
  /** Every language, the source language first. */
  languages: PickerLanguage[];
  /** The source language's code (the `x-default` alternate). */
  source: string;
}

export const PICKER_SCRIPT = "pobook-languages.js";
export const PICKER_STYLE = "pobook-languages.css";

/** The script's text: the data, then code that does not change with it. */
export function pickerScript(data: PickerData): string {
  return `// Language picker and hreflang links, written by \`pobook translate\` (rewritten on every run).
(function () {
  "use strict";
  var data = ${JSON.stringify(data)};
${PICKER_CODE}})();
`;
}

// Plain ES5-level code: it runs in every browser mdBook supports, with no build step.
const PICKER_CODE = String.raw`
  var script = document.currentScript;
  function norm(code) { return String(code || "").replace(/_/g, "-").toLowerCase(); }
  function bookRoot() {
    if (script && script.src) return new URL(".", script.src);
    /* global path_to_root */
    var up = typeof path_to_root === "string" ? path_to_root : "";
    return new URL(up || ".", location.href);
  }
  var pageLang = norm(document.documentElement.getAttribute("lang"));
  var current = null;
  for (var i = 0; i < data.languages.length; i++) if (norm(data.languages[i].code) === pageLang) current = data.languages[i];
  if (!current) current = data.languages[0];
  var root = bookRoot();
  var here = new URL(location.href);
  var page = here.href.indexOf(root.href) === 0 ? here.href.slice(root.href.length) : "";
  var siteHref = root.href;
  if (current.path !== "" && siteHref.slice(-current.path.length) === current.path) siteHref = siteHref.slice(0, -current.path.length);
  function hrefOf(language) { return new URL(language.path + page, siteHref).href; }

  // One alternate per language, and x-default for the source language (search engines' conventions).
  function alternate(hreflang, href) {
    var link = document.createElement("link");
    link.rel = "alternate";
    link.hreflang = hreflang;
    link.href = href;
    link.setAttribute("data-pobook", "");
    document.head.appendChild(link);
  }
  for (var a = 0; a < data.languages.length; a++) alternate(data.languages[a].code, hrefOf(data.languages[a]));
  for (var s = 0; s < data.languages.length; s++) if (data.languages[s].code === data.source) alternate("x-default", hrefOf(data.languages[s]));

  function build() {
    var bar = document.querySelector("#menu-bar .right-buttons") || document.querySelector("#menu-bar .left-buttons") || document.getElementById("menu-bar");
    if (!bar || document.getElementById("pobook-language-toggle")) return;
    var wrap = document.createElement("div");
    wrap.className = "pobook-languages";
    var button = document.createElement("button");
    button.id = "pobook-language-toggle";
    button.type = "button";
    button.className = "icon-button";
    // Named by the page's language in itself: no UI word to translate, and an icon alone is not read out.
    button.title = current.name;
    button.setAttribute("aria-label", current.name);
    button.setAttribute("aria-haspopup", "menu");
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", "pobook-language-list");
    button.innerHTML = '<svg viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" focusable="false"><path fill="currentColor" d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm6.9 6h-2.95a15.7 15.7 0 0 0-1.38-3.56A8.03 8.03 0 0 1 18.9 8ZM12 4.04c.83 1.2 1.48 2.53 1.91 3.96h-3.82c.43-1.43 1.08-2.76 1.91-3.96ZM4.26 14a8.2 8.2 0 0 1 0-4h3.38a16.5 16.5 0 0 0 0 4H4.26Zm.82 2h2.95c.32 1.25.78 2.45 1.38 3.56A7.99 7.99 0 0 1 5.08 16Zm2.95-8H5.08a7.99 7.99 0 0 1 4.33-3.56A15.7 15.7 0 0 0 8.03 8ZM12 19.96A14.1 14.1 0 0 1 10.09 16h3.82A14.1 14.1 0 0 1 12 19.96ZM14.34 14H9.66a14.7 14.7 0 0 1 0-4h4.68a14.7 14.7 0 0 1 0 4Zm.25 5.56c.6-1.11 1.06-2.31 1.38-3.56h2.95a8.03 8.03 0 0 1-4.33 3.56ZM16.36 14a16.5 16.5 0 0 0 0-4h3.38a8.2 8.2 0 0 1 0 4h-3.38Z"/></svg>';
    var list = document.createElement("ul");
    list.id = "pobook-language-list";
    list.className = "pobook-language-list";
    list.setAttribute("role", "menu");
    list.setAttribute("aria-labelledby", "pobook-language-toggle");
    list.hidden = true;
    var items = [];
    for (var n = 0; n < data.languages.length; n++) {
      var language = data.languages[n];
      var li = document.createElement("li");
      li.setAttribute("role", "none");
      var link = document.createElement("a");
      link.setAttribute("role", "menuitem");
      link.href = hrefOf(language);
      link.hreflang = language.code;
      link.lang = language.code;
      link.dir = language.dir;
      link.tabIndex = -1;
      link.textContent = language.name;
      if (language === current) link.setAttribute("aria-current", "page");
      li.appendChild(link);
      list.appendChild(li);
      items.push(link);
    }
    function open(focusIndex) {
      list.hidden = false;
      button.setAttribute("aria-expanded", "true");
      var index = focusIndex === undefined ? Math.max(0, data.languages.indexOf(current)) : focusIndex;
      items[(index + items.length) % items.length].focus();
    }
    function close(refocus) {
      list.hidden = true;
      button.setAttribute("aria-expanded", "false");
      if (refocus) button.focus();
    }
    button.addEventListener("click", function () { if (list.hidden) open(); else close(false); });
    button.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        event.stopPropagation();
        open(event.key === "ArrowDown" ? 0 : items.length - 1);
      }
    });
    list.addEventListener("keydown", function (event) {
      // The menu's keys are its own: mdBook's book.js would turn arrows into chapter navigation.
      event.stopPropagation();
      var at = items.indexOf(document.activeElement);
      if (event.key === "ArrowDown") { event.preventDefault(); items[(at + 1) % items.length].focus(); }
      else if (event.key === "ArrowUp") { event.preventDefault(); items[(at - 1 + items.length) % items.length].focus(); }
      else if (event.key === "Home") { event.preventDefault(); items[0].focus(); }
      else if (event.key === "End") { event.preventDefault(); items[items.length - 1].focus(); }
      else if (event.key === "Escape") { event.preventDefault(); close(true); }
      else if (event.key === "Tab") close(false);
    });
    document.addEventListener("click", function (event) { if (!list.hidden && !wrap.contains(event.target)) close(false); });
    wrap.appendChild(button);
    wrap.appendChild(list);
    bar.insertBefore(wrap, bar.firstChild);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", build);
  else build();
`;

/** The stylesheet: mdBook's own colours (its CSS variables), the menu under the button. */
export function pickerStyle(): string {
  return `/* Language picker, written by \`pobook translate\` (rewritten on every run). */
.pobook-languages { position: relative; display: inline-block; }
.pobook-language-list {
  position: absolute;
  inset-inline-end: 0;
  top: 100%;
  z-index: 1000;
  margin: 0;
  padding: 0.25em 0;
  list-style: none;
  min-width: 12em;
  max-height: 70vh;
  overflow-y: auto;
  background: var(--theme-popup-bg, var(--bg, #fff));
  border: 1px solid var(--theme-popup-border, #ccc);
  border-radius: 4px;
  font-size: 0.8em;
  line-height: 1.6;
  text-align: start;
}
.pobook-language-list[hidden] { display: none; }
.pobook-language-list a {
  display: block;
  padding: 0.2em 1em;
  color: var(--fg, inherit);
  text-decoration: none;
  white-space: nowrap;
}
.pobook-language-list a:hover, .pobook-language-list a:focus { background: var(--theme-hover, rgba(0, 0, 0, 0.08)); outline: none; }
.pobook-language-list a:focus-visible { outline: 2px solid var(--links, currentColor); outline-offset: -2px; }
.pobook-language-list a[aria-current] { font-weight: bold; }
.pobook-untranslated {
  margin: 0 0 1em;
  padding: 0.4em 0.8em;
  border-inline-start: 4px solid var(--links, #4183c4);
  background: var(--quote-bg, rgba(0, 0, 0, 0.04));
}
`;
}
