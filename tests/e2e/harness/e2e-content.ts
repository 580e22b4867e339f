import fs from "node:fs";
import path from "node:path";
import { E2E_CONTENT_DIR } from "./ports";

/**
 * The end-to-end site: the real essays plus fixture essays (a closed and a hidden thread).
 * Files are written only when their bytes change, so an unchanged run keeps its build.
 */
export function prepareE2eContent(): string {
  fs.mkdirSync(E2E_CONTENT_DIR, { recursive: true });
  const wanted = new Map<string, string>();
  for (const dir of ["content", "tests/fixtures/essays"]) {
    for (const name of fs.readdirSync(dir)) wanted.set(name, path.join(dir, name));
  }
  for (const name of fs.readdirSync(E2E_CONTENT_DIR)) {
    if (!wanted.has(name)) fs.rmSync(path.join(E2E_CONTENT_DIR, name), { recursive: true, force: true });
  }
  for (const [name, source] of wanted) {
    const target = path.join(E2E_CONTENT_DIR, name);
    const bytes = fs.readFileSync(source);
    if (!fs.existsSync(target) || !fs.readFileSync(target).equals(bytes)) fs.writeFileSync(target, bytes);
  }
  return E2E_CONTENT_DIR;
}
