// XML character references in WXR text (parse-wxr.ts), decoded without a dependency: numeric ones,
// the Latin-1 set and the typographic names WordPress itself writes (wptexturize). Names
// outside this list are left as written; the caller decides what that means for its output.

// HTML 4's Latin-1 names, which stand for U+00A0 to U+00FF in this order.
const LATIN_1 =
  "nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro para " +
  "middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute " +
  "Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute " +
  "THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde " +
  "ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml";

const NAMED = new Map<string, string>([
  ["amp", "&"],
  ["lt", "<"],
  ["gt", ">"],
  ["quot", '"'],
  ["apos", "'"],
  ...LATIN_1.split(" ").map((name, index): [string, string] => [name, String.fromCodePoint(0xa0 + index)]),
  ...(
    [
      ["OElig", 338], ["oelig", 339], ["Scaron", 352], ["scaron", 353], ["Yuml", 376], ["fnof", 402], ["circ", 710],
      ["tilde", 732], ["ensp", 8194], ["emsp", 8195], ["thinsp", 8201], ["zwnj", 8204], ["zwj", 8205], ["lrm", 8206],
      ["rlm", 8207], ["ndash", 8211], ["mdash", 8212], ["lsquo", 8216], ["rsquo", 8217], ["sbquo", 8218], ["ldquo", 8220],
      ["rdquo", 8221], ["bdquo", 8222], ["dagger", 8224], ["Dagger", 8225], ["bull", 8226], ["hellip", 8230],
      ["permil", 8240], ["prime", 8242], ["Prime", 8243], ["lsaquo", 8249], ["rsaquo", 8250], ["euro", 8364],
      ["trade", 8482], ["larr", 8592], ["rarr", 8594], ["hearts", 9829],
    ] as const
  ).map(([name, code]): [string, string] => [name, String.fromCodePoint(code)]),
]);

/** A character reference: &name; &#123; &#x7B; (the semicolon is required). */
const ENTITY_PATTERN = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/g;

/** The text one reference stands for, or undefined for a name not in the list above. */
function decodeEntity(decimal: string | undefined, hex: string | undefined, name: string | undefined): string | undefined {
  if (name !== undefined) return NAMED.get(name);
  const code = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? "", 16);
  // What browsers show for NUL, surrogates and numbers past Unicode.
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return "\uFFFD";
  return String.fromCodePoint(code);
}

/** Plain text with every known reference decoded (unknown names stay as written). */
export function decodeEntities(text: string): string {
  return text.replace(ENTITY_PATTERN, (whole, decimal?: string, hex?: string, name?: string) => decodeEntity(decimal, hex, name) ?? whole);
}
