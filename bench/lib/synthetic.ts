// Synthetic essays for bench:build: valid front matter and a realistic ~1,200-word
// Markdown body (headings, lists, a blockquote, a code block, inside and outside links).
// Deterministic: the same count and seed give the same files.
import fs from "node:fs";
import path from "node:path";
import { slugifyTag } from "../../lib/content/tags";

const CATEGORIES = ["leftlibertarian", "politics", "philosophy", "economics", "culture"];
const TAGS = [
  "anarchism", "pluralism", "secession", "mutual aid", "markets", "cooperatives", "the state", "dialogue",
  "history", "revolution", "ethics", "community", "property", "labor", "technology", "media", "education",
  "federalism", "localism", "nonviolence", "democracy", "religion", "science", "law", "money", "housing",
  "ecology", "war", "peace", "culture wars",
];
const WORDS = (
  "the of and to in a is that for it as with be on not this by are or from at but have an they which one you were all we " +
  "there their can has more people would what when so about if who will no been out them some into do than other could " +
  "society freedom power community dialogue market state voluntary order neighbour trust argument history reason " +
  "difference consent authority coercion tradition experiment institution revolution secession pluralism politics " +
  "agreement conflict property labour exchange culture belief value idea principle practice compromise liberty justice " +
  "movement majority minority territory federation commons network village city council assembly charter custom"
).split(" ");
const LANGUAGES = [
  { lang: "ts", code: 'export function consent(parties: string[]): boolean {\n  return parties.every((party) => party.length > 0);\n}' },
  { lang: "python", code: "def secede(region, federation):\n    federation.members.remove(region)\n    return Federation([region])" },
  { lang: "bash", code: "grep -ri 'mutual aid' essays/ | wc -l\nsort -u tags.txt > pool.txt" },
  { lang: "json", code: '{\n  "assembly": "weekly",\n  "quorum": 12,\n  "consensus": true\n}' },
];

/** mulberry32: a small seeded PRNG, good enough for picking words. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Meta = { index: number; slug: string; title: string; date: string; category: string; tags: string[]; path: string };

const pad = (n: number) => String(n).padStart(2, "0");
const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

export type GenerateResult = { files: number; words: number; bytes: number };

/** Writes `count` essays into `dir` (which must exist). */
export function generateEssays(dir: string, count: number, seed = 1): GenerateResult {
  const rand = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const sentence = (min = 8, max = 22) => {
    const length = min + Math.floor(rand() * (max - min));
    const words = Array.from({ length }, () => pick(WORDS));
    return capitalise(words.join(" ")) + pick([".", ".", ".", "?", ";"]).replace(";", ".");
  };

  // All addresses first, so essays can link to each other (the links resolve).
  const start = Date.UTC(2005, 0, 1);
  const span = Date.UTC(2024, 11, 31) - start;
  const metas: Meta[] = Array.from({ length: count }, (_, index) => {
    const day = new Date(start + Math.floor(rand() * span / 86_400_000) * 86_400_000);
    const category = pick(CATEGORIES);
    const titleWords = Array.from({ length: 3 + Math.floor(rand() * 5) }, () => pick(WORDS.slice(60)));
    const slug = `essay-${index + 1}-${titleWords.slice(0, 3).join("-")}`;
    const tags = [...new Set(Array.from({ length: 2 + Math.floor(rand() * 4) }, () => pick(TAGS)))];
    return {
      index,
      slug,
      title: `${titleWords.map(capitalise).join(" ")} (No. ${index + 1})`,
      date: `${day.getUTCFullYear()}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`,
      category,
      tags,
      path: `/${category}/${pad(day.getUTCMonth() + 1)}/${pad(day.getUTCDate())}/${slug}`,
    };
  });

  let totalWords = 0;
  let totalBytes = 0;
  for (const meta of metas) {
    const paragraph = (sentences = 4 + Math.floor(rand() * 4)) => {
      const parts = Array.from({ length: sentences }, () => sentence());
      // Inline marks and links in some sentences, as real essays have them.
      if (rand() < 0.5) parts[1] = `_${parts[1]!.slice(0, -1)}_.`;
      if (rand() < 0.4) parts[2] = `**${parts[2]!.slice(0, -1)}**.`;
      if (rand() < 0.5) {
        const other = pick(metas);
        parts.push(`See [${other.title.toLowerCase()}](${other.path}) for the longer argument.`);
      }
      if (rand() < 0.4) parts.push(`As [one account](https://example.org/archive/${meta.index}/${Math.floor(rand() * 1000)}) puts it, ${sentence(6, 12).toLowerCase()}`);
      return parts.join(" ");
    };
    const blocks: string[] = [paragraph(), paragraph()];
    const sections = ["The problem", "A thought experiment", "Objections", "What follows", "In practice"];
    for (const [i, heading] of sections.entries()) {
      blocks.push(`## ${heading}: ${pick(WORDS.slice(60))}`);
      blocks.push(paragraph(), paragraph());
      if (i === 1) blocks.push(Array.from({ length: 4 }, () => `- ${sentence(5, 14)}`).join("\n"));
      if (i === 2) blocks.push(`> ${paragraph(3)}\n>\n> — ${pick(["Proudhon", "Kropotkin", "Tucker", "Goldman", "Thoreau"])}`);
      if (i === 3) {
        blocks.push(`### ${capitalise(pick(WORDS.slice(60)))} and ${pick(WORDS.slice(60))}`);
        blocks.push(Array.from({ length: 5 }, (_, n) => `${n + 1}. ${sentence(8, 20)}`).join("\n"));
        const sample = pick(LANGUAGES);
        blocks.push("```" + sample.lang + "\n" + sample.code + "\n```");
      }
      if (i === 4) blocks.push(`More on [${meta.tags[0]}](/tags/${slugifyTag(meta.tags[0]!)}) and in the [archive](/archive).`);
    }
    // Top up to about 1,200 words with further paragraphs in the last section.
    let body = blocks.join("\n\n");
    while (countWords(body) < 1080) body += `\n\n${paragraph()}`;
    const frontMatter = [
      "---",
      `title: ${JSON.stringify(meta.title)}`,
      ...(rand() < 0.5 ? [`subtitle: ${JSON.stringify(capitalise(sentence(5, 9).slice(0, -1).toLowerCase()))}`] : []),
      `date: ${meta.date}`,
      `category: ${meta.category}`,
      "tags:",
      ...meta.tags.map((tag) => `  - ${tag}`),
      "---",
    ].join("\n");
    const text = `${frontMatter}\n\n${body}\n`;
    fs.writeFileSync(path.join(dir, `${meta.slug}.md`), text);
    totalWords += countWords(body);
    totalBytes += Buffer.byteLength(text);
  }
  return { files: count, words: totalWords, bytes: totalBytes };
}

function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
