/**
 * Plural-Forms header values per language, as msginit writes them: gettext
 * expressions derived from the CLDR plural rules (integers only), spelled
 * like GNU's plural table where one exists.
 */

const ONE_FORM = "nplurals=1; plural=0;";
const NOT_ONE = "nplurals=2; plural=(n != 1);";
/** CLDR "one" is i = 0 or n = 1 (or i = 0..1): 0 and 1 are singular. */
const ZERO_ONE = "nplurals=2; plural=(n > 1);";
const EAST_SLAVIC =
  "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);";
const WEST_SLAVIC = "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;";

/** Keys are lower-case gettext locale names (`pt_br`) or bare languages (`pt`). */
const PLURAL_FORMS: Record<string, string> = {
  // One form.
  ja: ONE_FORM, zh: ONE_FORM, ko: ONE_FORM, vi: ONE_FORM, th: ONE_FORM, id: ONE_FORM, ms: ONE_FORM,
  my: ONE_FORM, lo: ONE_FORM, km: ONE_FORM, yue: ONE_FORM, jv: ONE_FORM, su: ONE_FORM,
  // Singular for 1 only.
  en: NOT_ONE, de: NOT_ONE, nl: NOT_ONE, sv: NOT_ONE, da: NOT_ONE, no: NOT_ONE, nb: NOT_ONE, nn: NOT_ONE,
  fo: NOT_ONE, fi: NOT_ONE, et: NOT_ONE, el: NOT_ONE, it: NOT_ONE, es: NOT_ONE, ca: NOT_ONE, gl: NOT_ONE,
  eu: NOT_ONE, bg: NOT_ONE, hu: NOT_ONE, tr: NOT_ONE, eo: NOT_ONE, he: NOT_ONE, ur: NOT_ONE, sw: NOT_ONE,
  ta: NOT_ONE, te: NOT_ONE, ml: NOT_ONE, kn: NOT_ONE, mr: NOT_ONE, ne: NOT_ONE, az: NOT_ONE, ka: NOT_ONE,
  kk: NOT_ONE, ky: NOT_ONE, uz: NOT_ONE, mn: NOT_ONE, sq: NOT_ONE, hy: NOT_ONE, af: NOT_ONE, pt_pt: NOT_ONE,
  // Singular for 0 and 1.
  pt: ZERO_ONE, pt_br: ZERO_ONE, fr: ZERO_ONE, bn: ZERO_ONE, hi: ZERO_ONE, fa: ZERO_ONE, gu: ZERO_ONE,
  am: ZERO_ONE, si: ZERO_ONE, ln: ZERO_ONE, ti: ZERO_ONE, pa: ZERO_ONE, as: ZERO_ONE, zu: ZERO_ONE,
  // More forms.
  ru: EAST_SLAVIC, uk: EAST_SLAVIC, be: EAST_SLAVIC, sr: EAST_SLAVIC, hr: EAST_SLAVIC, bs: EAST_SLAVIC,
  cs: WEST_SLAVIC, sk: WEST_SLAVIC,
  pl: "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
  ro: "nplurals=3; plural=n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2;",
  lt: "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && (n%100<10 || n%100>=20) ? 1 : 2);",
  lv: "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);",
  sl: "nplurals=4; plural=(n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3);",
  ga: "nplurals=5; plural=(n==1 ? 0 : n==2 ? 1 : (n>2 && n<7) ? 2 : (n>6 && n<11) ? 3 : 4);",
  ar: "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);",
  cy: "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n==3 ? 3 : n==6 ? 4 : 5);",
  is: "nplurals=2; plural=(n%10!=1 || n%100==11);",
  mk: "nplurals=2; plural=(n%10==1 && n%100!=11 ? 0 : 1);",
};

/** Default when the language is unknown: two forms, like English. */
export const DEFAULT_PLURAL_FORMS = NOT_ONE;

/** `pt-BR`, `pt_BR`, `pt_BR.UTF-8` → `pt_BR` (the spelling of the Language header). */
export function gettextLocale(language: string): string {
  const [base = ""] = language.split(/[.@]/);
  const [lang = "", ...rest] = base.split(/[-_]/);
  if (rest.length === 0) return lang.toLowerCase();
  const region = rest.map((part) => (part.length === 2 ? part.toUpperCase() : part)).join("_");
  return `${lang.toLowerCase()}_${region}`;
}

/** The Plural-Forms value for a language tag, or undefined if pobook does not know it. */
export function pluralFormsFor(language: string): string | undefined {
  const locale = gettextLocale(language).toLowerCase();
  return PLURAL_FORMS[locale] ?? PLURAL_FORMS[locale.split("_")[0]!];
}

/** `nplurals` of a Plural-Forms value; GNU assumes 2 when it is missing or unreadable. */
export function pluralCount(pluralForms: string | undefined): number {
  const match = pluralForms ? /nplurals\s*=\s*(\d+)/.exec(pluralForms) : null;
  const count = match ? Number(match[1]) : NaN;
  return Number.isInteger(count) && count > 0 ? count : 2;
}
