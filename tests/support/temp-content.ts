import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import type { LoadOptions } from "@/lib/content/load-essays";
import { siteConfig } from "@/site.config";

const roots: string[] = [];
afterAll(() => {
  for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
});

/** A fresh content folder holding these files (name → text); removed after the test file. */
export function tempContent(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "essays-content-"));
  roots.push(dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** An essay file: YAML front matter (as written in a file) and a body. */
export function essaySource(frontMatter: string, body = "Some words of an essay."): string {
  return `---\n${frontMatter.trim()}\n---\n\n${body}\n`;
}

/** The options production uses, for a given folder. */
export function loadOptions(dir: string, includeDrafts = false): LoadOptions {
  return { dir, includeDrafts, permalinkPattern: siteConfig.permalinkPattern, defaultAuthor: siteConfig.defaultAuthor };
}

/** How loadEssays names a file in its messages: relative to the working directory. */
export function shownPath(dir: string, name: string): string {
  return path.relative(process.cwd(), path.join(dir, name));
}
