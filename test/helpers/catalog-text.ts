// A small catalog's text for CLI tests: the header fields update and translate read, then `body`.
export function catalogText(language: string, body: string, pluralForms = "nplurals=2; plural=(n != 1);"): string {
  return `msgid ""
msgstr ""
"Project-Id-Version: Demo\\n"
"POT-Creation-Date: 2024-01-01 00:00+0000\\n"
"Language: ${language}\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: ${pluralForms}\\n"

${body}`;
}
