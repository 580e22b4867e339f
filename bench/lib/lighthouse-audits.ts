// Reading Lighthouse results: the audits that fail and the elements they name.
import type lighthouse from "lighthouse";

export type Lhr = NonNullable<Awaited<ReturnType<typeof lighthouse>>>["lhr"];
type Audit = Lhr["audits"][string];

export type Failing = {
  formFactor: string;
  category: string;
  id: string;
  title: string;
  weight: number;
  scores: (number | null)[];
  displayValue?: string;
  elements: string[];
};

/** The elements or resources an audit names, one line each: snippet, selector and axe's explanation, or url/source/text. */
export function elementsOf(audit: Audit): string[] {
  const details = audit.details as { items?: Record<string, unknown>[] } | undefined;
  const lines: string[] = [];
  for (const item of details?.items ?? []) {
    const node = item.node as { snippet?: string; selector?: string; nodeLabel?: string; explanation?: string } | undefined;
    const parts: string[] = [];
    if (node?.snippet) parts.push(node.snippet);
    if (node?.selector) parts.push(`selector: ${node.selector}`);
    if (node?.nodeLabel) parts.push(`label: ${JSON.stringify(node.nodeLabel)}`);
    if (node?.explanation) parts.push(node.explanation.replace(/\s*\n\s*/g, " | "));
    for (const key of ["url", "href", "text", "description", "sourceLocation", "source", "value", "label"]) {
      const value = item[key];
      if (value === undefined || value === null || value === "") continue;
      if (typeof value === "object") {
        const location = value as { url?: string; line?: number; column?: number; value?: unknown };
        parts.push(`${key}: ${location.url ? `${location.url}:${location.line ?? "?"}:${location.column ?? "?"}` : JSON.stringify(location.value ?? location)}`);
      } else {
        parts.push(`${key}: ${String(value)}`);
      }
    }
    if (parts.length > 0) lines.push(parts.join(" — "));
  }
  return lines;
}

/**
 * Audits scoring below 1 in the given categories, merged over runs (one entry per
 * category and audit, with each run's score and every element named in any run).
 * Not-applicable, manual and informative audits carry no verdict and are left out.
 */
export function failingAudits(formFactor: string, lhrs: Lhr[], categories: string[]): Failing[] {
  const found = new Map<string, Failing>();
  for (const lhr of lhrs) {
    for (const category of categories) {
      for (const ref of lhr.categories[category]?.auditRefs ?? []) {
        const audit = lhr.audits[ref.id];
        if (!audit || audit.score === null || audit.score >= 1) continue;
        if (["notApplicable", "manual", "informative"].includes(audit.scoreDisplayMode)) continue;
        const key = `${category}/${ref.id}`;
        const entry = found.get(key) ?? {
          formFactor,
          category,
          id: ref.id,
          title: audit.title,
          weight: ref.weight,
          scores: [],
          displayValue: audit.displayValue,
          elements: [],
        };
        entry.scores.push(audit.score);
        for (const line of elementsOf(audit)) if (!entry.elements.includes(line)) entry.elements.push(line);
        found.set(key, entry);
      }
    }
  }
  return [...found.values()];
}

