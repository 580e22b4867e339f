import type { APIRequestContext, Page } from "@playwright/test";

export type CapturedForm = { url: string; fields: [string, string][] };

/**
 * Reads a server-action form as the browser would send it without JavaScript: its hidden
 * $ACTION_ID field and every named input. Used to forge the same request as someone else.
 */
export async function captureForm(page: Page, selector: string): Promise<CapturedForm> {
  const fields = await page.locator(selector).first().evaluate((form: HTMLFormElement) =>
    [...new FormData(form).entries()].map(([name, value]) => [name, String(value)] as [string, string]),
  );
  return { url: page.url(), fields };
}

/** Posts a captured form (multipart, with the site's own Origin) through another request context. */
export async function replayForm(request: APIRequestContext, form: CapturedForm, override: Record<string, string> = {}) {
  const multipart: Record<string, string> = {};
  for (const [name, value] of form.fields) multipart[name] = override[name] ?? value;
  return request.post(form.url, { multipart, headers: { Origin: new URL(form.url).origin }, maxRedirects: 0 });
}
