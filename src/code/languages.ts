/**
 * Which code-block languages mdbook-xgettext tokenizes, and which highlight.js
 * grammar stands in for each.
 *
 * Upstream looks the first comma-separated word of the info string up with
 * syntect's `find_syntax_by_token` in its default syntax set: a file extension
 * (case-insensitive) or a syntax name (lower-cased). A block whose language is
 * known there has only its strings and comments extracted; any other block is
 * all-or-nothing. The table lists syntect 5's default syntaxes (names and file
 * extensions, in the order of its packed syntax set, which decides ties such
 * as `h`) with the highlight.js grammar we use to find the same tokens.
 */
interface SyntectSyntax {
  name: string;
  extensions: string[];
  /** highlight.js language id, or undefined where highlight.js has no grammar. */
  grammar?: string;
}

const SYNTECT_DEFAULT_SYNTAXES: SyntectSyntax[] = [
  { name: "Plain Text", extensions: ["txt"] },
  { name: "ASP", extensions: ["asa"] },
  { name: "HTML (ASP)", extensions: ["asp"] },
  { name: "ActionScript", extensions: ["as"] },
  { name: "AppleScript", extensions: ["applescript", "script editor"], grammar: "applescript" },
  { name: "Batch File", extensions: ["bat", "cmd"], grammar: "dos" },
  { name: "NAnt Build File", extensions: ["build"] },
  { name: "C#", extensions: ["cs", "csx"], grammar: "csharp" },
  { name: "C++", extensions: ["cpp", "cc", "cp", "cxx", "c++", "C", "h", "hh", "hpp", "hxx", "h++", "inl", "ipp"], grammar: "cpp" },
  { name: "C", extensions: ["c", "h"], grammar: "c" },
  { name: "CSS", extensions: ["css", "css.erb", "css.liquid"], grammar: "css" },
  { name: "Clojure", extensions: ["clj"], grammar: "clojure" },
  { name: "D", extensions: ["d", "di"], grammar: "d" },
  { name: "Diff", extensions: ["diff", "patch"], grammar: "diff" },
  { name: "Erlang", extensions: ["erl", "hrl", "Emakefile", "emakefile"], grammar: "erlang" },
  { name: "HTML (Erlang)", extensions: ["yaws"] },
  { name: "Go", extensions: ["go"], grammar: "go" },
  { name: "Graphviz (DOT)", extensions: ["dot", "DOT", "gv"] },
  { name: "Groovy", extensions: ["groovy", "gvy", "gradle"], grammar: "groovy" },
  { name: "HTML", extensions: ["html", "htm", "shtml", "xhtml", "inc", "tmpl", "tpl"], grammar: "xml" },
  { name: "Haskell", extensions: ["hs"], grammar: "haskell" },
  { name: "Literate Haskell", extensions: ["lhs"] },
  { name: "Java Server Page (JSP)", extensions: ["jsp"] },
  { name: "Java", extensions: ["java", "bsh"], grammar: "java" },
  { name: "JavaDoc", extensions: [] },
  { name: "Java Properties", extensions: ["properties"], grammar: "properties" },
  { name: "JSON", extensions: ["json", "sublime-settings", "sublime-menu", "sublime-keymap", "sublime-mousemap", "sublime-theme", "sublime-build", "sublime-project", "sublime-completions", "sublime-commands", "sublime-macro", "sublime-color-scheme"], grammar: "json" },
  { name: "JavaScript", extensions: ["js", "htc"], grammar: "javascript" },
  { name: "Regular Expressions (Javascript)", extensions: [] },
  { name: "BibTeX", extensions: ["bib"] },
  { name: "LaTeX Log", extensions: [] },
  { name: "LaTeX", extensions: ["tex", "ltx"], grammar: "latex" },
  { name: "TeX", extensions: ["sty", "cls"] },
  { name: "Lisp", extensions: ["lisp", "cl", "clisp", "l", "mud", "el", "scm", "ss", "lsp", "fasl"], grammar: "lisp" },
  { name: "Lua", extensions: ["lua"], grammar: "lua" },
  { name: "Make Output", extensions: [] },
  { name: "Makefile", extensions: ["make", "GNUmakefile", "makefile", "Makefile", "OCamlMakefile", "mak", "mk"], grammar: "makefile" },
  { name: "Markdown", extensions: ["md", "mdown", "markdown", "markdn"], grammar: "markdown" },
  { name: "MultiMarkdown", extensions: [] },
  { name: "MATLAB", extensions: ["matlab"], grammar: "matlab" },
  { name: "OCaml", extensions: ["ml", "mli"], grammar: "ocaml" },
  { name: "OCamllex", extensions: ["mll"] },
  { name: "OCamlyacc", extensions: ["mly"] },
  { name: "camlp4", extensions: [] },
  { name: "Objective-C++", extensions: ["mm", "M", "h"], grammar: "objectivec" },
  { name: "Objective-C", extensions: ["m", "h"], grammar: "objectivec" },
  { name: "PHP Source", extensions: [] },
  { name: "PHP", extensions: ["php", "php3", "php4", "php5", "php7", "phps", "phpt", "phtml"], grammar: "php" },
  { name: "Pascal", extensions: ["pas", "p", "dpr"], grammar: "delphi" },
  { name: "Perl", extensions: ["pl", "pm", "pod", "t", "PL"], grammar: "perl" },
  { name: "Python", extensions: ["py", "py3", "pyw", "pyi", "pyx", "pyx.in", "pxd", "pxd.in", "pxi", "pxi.in", "rpy", "cpy", "SConstruct", "Sconstruct", "sconstruct", "SConscript", "gyp", "gypi", "Snakefile", "wscript"], grammar: "python" },
  { name: "Regular Expressions (Python)", extensions: [] },
  { name: "R Console", extensions: [] },
  { name: "R", extensions: ["R", "r", "s", "S", "Rprofile"], grammar: "r" },
  { name: "Rd (R Documentation)", extensions: ["rd"] },
  { name: "HTML (Rails)", extensions: ["rails", "rhtml", "erb", "html.erb"] },
  { name: "JavaScript (Rails)", extensions: ["js.erb"] },
  { name: "Ruby Haml", extensions: ["haml", "sass"] },
  { name: "Ruby on Rails", extensions: ["rxml", "builder"] },
  { name: "SQL (Rails)", extensions: ["erbsql", "sql.erb"] },
  { name: "Regular Expression", extensions: ["re"] },
  { name: "reStructuredText", extensions: ["rst", "rest"] },
  { name: "Ruby", extensions: ["rb", "Appfile", "Appraisals", "Berksfile", "Brewfile", "capfile", "cgi", "Cheffile", "config.ru", "Deliverfile", "Fastfile", "fcgi", "Gemfile", "gemspec", "Guardfile", "irbrc", "jbuilder", "podspec", "prawn", "rabl", "rake", "Rakefile", "Rantfile", "rbx", "rjs", "ruby.rail", "Scanfile", "simplecov", "Snapfile", "thor", "Thorfile", "Vagrantfile"], grammar: "ruby" },
  { name: "Cargo Build Results", extensions: [] },
  { name: "Rust", extensions: ["rs"], grammar: "rust" },
  { name: "SQL", extensions: ["sql", "ddl", "dml"], grammar: "sql" },
  { name: "Scala", extensions: ["scala", "sbt"], grammar: "scala" },
  { name: "Bourne Again Shell (bash)", extensions: ["sh", "bash", "zsh", "fish", ".bash_aliases", ".bash_completions", ".bash_functions", ".bash_login", ".bash_logout", ".bash_profile", ".bash_variables", ".bashrc", ".profile", ".textmate_init"], grammar: "bash" },
  { name: "Shell-Unix-Generic", extensions: [], grammar: "bash" },
  { name: "commands-builtin-shell-bash", extensions: [] },
  { name: "HTML (Tcl)", extensions: ["adp"] },
  { name: "Tcl", extensions: ["tcl"], grammar: "tcl" },
  { name: "Textile", extensions: ["textile"] },
  { name: "XML", extensions: ["xml", "xsd", "xslt", "tld", "dtml", "rss", "opml", "svg"], grammar: "xml" },
  { name: "YAML", extensions: ["yaml", "yml", "sublime-syntax"], grammar: "yaml" },
];

export interface KnownLanguage {
  /** syntect's syntax name. */
  syntax: string;
  grammar?: string;
}

/** Rust's `eq_ignore_ascii_case` folds ASCII letters only. */
function asciiLowerCase(text: string): string {
  return text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}

/**
 * syntect's `find_syntax_by_token`: extension first, then the syntax name,
 * both compared case-insensitively, the last definition winning in each.
 */
export function findLanguage(token: string): KnownLanguage | undefined {
  const lower = asciiLowerCase(token);
  const lastFirst = [...SYNTECT_DEFAULT_SYNTAXES].reverse();
  const byExtension = lastFirst.find((syntax) => syntax.extensions.some((extension) => asciiLowerCase(extension) === lower));
  const found = byExtension ?? lastFirst.find((syntax) => asciiLowerCase(syntax.name) === lower);
  return found && { syntax: found.name, grammar: found.grammar };
}

/** The language token upstream looks up: the info string up to the first comma. */
export function languageToken(info: string): string {
  return info.split(",")[0]!;
}
