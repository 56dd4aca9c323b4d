const names = new Map<string, string>();

/** A language's name in that language ("Português (Brasil)", "日本語"), from the runtime's CLDR data; the code itself when it has none. */
export function languageName(code: string): string {
  let name = names.get(code);
  if (name === undefined) names.set(code, (name = lookupName(code)));
  return name;
}

function lookupName(code: string): string {
  try {
    const name = new Intl.DisplayNames([code], { type: "language" }).of(code);
    if (!name || name === code) return code;
    return name.charAt(0).toLocaleUpperCase(code) + name.slice(1);
  } catch {
    return code;
  }
}
