/**
 * Which code-block languages mdbook-xgettext tokenizes, and which highlight.js
 * grammar stands in for each.
 *
 * Upstream looks the first comma-separated word of the info string up with
 * syntect's `find_syntax_by_token` in its default syntax set: a file extension
 * (case-insensitive) or a syntax name (lower-cased). A block whose language is
 * known there has only its strings and comments extracted; any other block is
 * all-or-nothing. The table lists syntect's default syntaxes (names and file
 * extensions) with the highlight.js grammar we use to find the same tokens.
 */
interface SyntectSyntax {
  name: string;
  extensions: string[];
  /** highlight.js language id, or undefined where highlight.js has no grammar. */
  grammar?: string;
}

const SYNTECT_DEFAULT_SYNTAXES: SyntectSyntax[] = [
  { name: "ActionScript", extensions: ["as"] },
  { name: "AppleScript", extensions: ["applescript", "script editor"], grammar: "applescript" },
  { name: "ASP", extensions: ["asa"] },
  { name: "Batch File", extensions: ["bat", "cmd"], grammar: "dos" },
  { name: "BibTeX", extensions: ["bib"] },
  { name: "C", extensions: ["c", "h"], grammar: "c" },
  { name: "C#", extensions: ["cs", "csx"], grammar: "csharp" },
  {
    name: "C++",
    extensions: ["cpp", "cc", "cp", "cxx", "c++", "h", "hh", "hpp", "hxx", "h++", "inl", "ipp"],
    grammar: "cpp",
  },
  { name: "Clojure", extensions: ["clj", "cljc", "cljs", "edn"], grammar: "clojure" },
  { name: "CSS", extensions: ["css", "css.erb", "css.liquid"], grammar: "css" },
  { name: "D", extensions: ["d", "di"], grammar: "d" },
  { name: "Diff", extensions: ["diff", "patch"], grammar: "diff" },
  { name: "Erlang", extensions: ["erl", "hrl", "emakefile", "emakefile"], grammar: "erlang" },
  { name: "Go", extensions: ["go"], grammar: "go" },
  { name: "Graphviz (DOT)", extensions: ["dot", "dot", "gv"] },
  { name: "Groovy", extensions: ["groovy", "gvy", "gradle", "jenkinsfile"], grammar: "groovy" },
  { name: "Haskell", extensions: ["hs"], grammar: "haskell" },
  { name: "HTML", extensions: ["html", "htm", "shtml", "xhtml", "inc", "tmpl", "tpl"], grammar: "xml" },
  { name: "Java", extensions: ["java", "bsh"], grammar: "java" },
  { name: "Java Properties", extensions: ["properties"], grammar: "properties" },
  { name: "JavaScript", extensions: ["js", "htc"], grammar: "javascript" },
  { name: "JSON", extensions: ["json", "sublime-settings", "sublime-menu", "sublime-keymap", "sublime-mousemap", "sublime-theme", "sublime-build", "sublime-project", "sublime-completions", "sublime-commands", "sublime-macro", "sublime-color-scheme"], grammar: "json" },
  { name: "LaTeX", extensions: ["tex", "ltx"], grammar: "latex" },
  { name: "Lisp", extensions: ["lisp", "cl", "clisp", "l", "mud", "el", "scm", "ss", "lsp", "fasl"], grammar: "lisp" },
  { name: "Lua", extensions: ["lua"], grammar: "lua" },
  { name: "Makefile", extensions: ["make", "gnumakefile", "makefile", "ocamlmakefile", "mak", "mk"], grammar: "makefile" },
  { name: "Markdown", extensions: ["md", "mdown", "markdown", "markdn"], grammar: "markdown" },
  { name: "MATLAB", extensions: ["matlab"], grammar: "matlab" },
  { name: "Objective-C", extensions: ["m", "h"], grammar: "objectivec" },
  { name: "Objective-C++", extensions: ["mm", "m", "h"], grammar: "objectivec" },
  { name: "OCaml", extensions: ["ml", "mli"], grammar: "ocaml" },
  { name: "Pascal", extensions: ["pas", "p", "dpr"], grammar: "delphi" },
  { name: "Perl", extensions: ["pl", "pm", "pod", "t", "pl"], grammar: "perl" },
  { name: "PHP", extensions: ["php", "php3", "php4", "php5", "php7", "phps", "phpt", "phtml"], grammar: "php" },
  { name: "Plain Text", extensions: ["txt"] },
  { name: "Python", extensions: ["py", "py3", "pyw", "pyi", "pyx", "pyx.in", "pxd", "pxd.in", "pxi", "pxi.in", "rpy", "cpy", "sconstruct", "sconscript", "gyp", "gypi", "snakefile", "wscript"], grammar: "python" },
  { name: "R", extensions: ["r", "s", "rprofile"], grammar: "r" },
  { name: "Regular Expression", extensions: ["re"] },
  { name: "reStructuredText", extensions: ["rst", "rest"] },
  { name: "Ruby", extensions: ["rb", "appfile", "appraisals", "berksfile", "brewfile", "capfile", "cgi", "cheffile", "config.ru", "deliverfile", "fastfile", "fcgi", "gemfile", "gemspec", "guardfile", "irbrc", "jbuilder", "podspec", "prawn", "rabl", "rake", "rakefile", "rantfile", "rbx", "rjs", "ruby.rail", "scanfile", "simplecov", "snapfile", "thor", "thorfile", "vagrantfile"], grammar: "ruby" },
  { name: "Rust", extensions: ["rs"], grammar: "rust" },
  { name: "Scala", extensions: ["scala", "sbt"], grammar: "scala" },
  { name: "Bourne Again Shell (bash)", extensions: ["sh", "bash", "zsh", "fish", ".bash_aliases", ".bash_completions", ".bash_functions", ".bash_login", ".bash_logout", ".bash_profile", ".bash_variables", ".bashrc", ".profile", ".textmate_init", ".zshrc"], grammar: "bash" },
  { name: "Shell-Unix-Generic", extensions: [], grammar: "bash" },
  { name: "SQL", extensions: ["sql", "ddl", "dml"], grammar: "sql" },
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

/**
 * syntect's `find_syntax_by_token`: extension first (case-insensitive), then
 * the syntax name lower-cased, last definition winning.
 */
export function findLanguage(token: string): KnownLanguage | undefined {
  const lower = token.toLowerCase();
  const byExtension = SYNTECT_DEFAULT_SYNTAXES.find((syntax) => syntax.extensions.includes(lower));
  const found = byExtension ?? [...SYNTECT_DEFAULT_SYNTAXES].reverse().find((syntax) => syntax.name.toLowerCase() === lower);
  return found && { syntax: found.name, grammar: found.grammar };
}

/** The language token upstream looks up: the info string up to the first comma. */
export function languageToken(info: string): string {
  return info.split(",")[0]!;
}
