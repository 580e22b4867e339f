// Splits an essay file into its front matter text and its body; the YAML itself is read by the
// `yaml` package in load-essays.ts (one parser for YAML, docs/decisions/036-one-parser-per-format.md).
// Only the fence is found here: a `---` line at the very start, the next `---` line closes it.
// Windows line ends and a byte-order mark are tolerated, as editors write them.

export type SplitFrontMatter = { ok: true; yaml: string; body: string } | { ok: false; message: string };

const FENCE = "---";
const BYTE_ORDER_MARK = "\uFEFF";

/** The line starting at `start` (without its line end) and where the next line starts. */
function lineAt(text: string, start: number): { line: string; next: number } {
  const newline = text.indexOf("\n", start);
  const end = newline === -1 ? text.length : newline;
  const line = text.slice(start, end).replace(/\r$/, "");
  return { line, next: newline === -1 ? text.length : newline + 1 };
}

/** A fence line: three hyphens, trailing spaces or tabs allowed (invisible in an editor). */
const isFence = (line: string) => line.trimEnd() === FENCE;

export function splitFrontMatter(source: string): SplitFrontMatter {
  const text = source.startsWith(BYTE_ORDER_MARK) ? source.slice(BYTE_ORDER_MARK.length) : source;
  const first = lineAt(text, 0);
  if (!isFence(first.line)) {
    return { ok: false, message: "is missing; start the file with a --- line, then the fields (title, date, category), then a closing --- line" };
  }
  for (let start = first.next; start < text.length; ) {
    const { line, next } = lineAt(text, start);
    if (isFence(line)) return { ok: true, yaml: text.slice(first.next, start), body: text.slice(next) };
    start = next;
  }
  return { ok: false, message: "has no closing --- line; add a line of three hyphens (---) after the last field, before the essay's text" };
}
