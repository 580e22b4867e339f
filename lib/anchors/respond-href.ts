// Addresses of passages (issue 15), used by the server and the browser alike.

/** The element id of a block on the essay page (a passage's permalink ends with it). */
export const blockAnchor = (blockId: string) => `p-${blockId}`;

// The address of the respond page (issue 15) for a paragraph, a selection in it, or ticked sentences.
export type RespondQuery = {
  block: string;
  revision?: string;
  start?: number;
  end?: number;
  endBlock?: string;
  sentences?: readonly number[];
};

export function respondHref(essayPath: string, query: RespondQuery): string {
  const search = new URLSearchParams({ block: query.block });
  if (query.revision !== undefined) search.set("revision", query.revision);
  if (query.start !== undefined) search.set("start", String(query.start));
  if (query.end !== undefined) search.set("end", String(query.end));
  if (query.endBlock !== undefined && query.endBlock !== query.block) search.set("endBlock", query.endBlock);
  for (const index of query.sentences ?? []) if (index >= 0) search.append("s", String(index));
  return `${essayPath}/respond?${search}`;
}

/** The page that shows an earlier revision of the essay as it was (issue 15). */
export const revisionHref = (essayPath: string, revisionId: string) => `${essayPath}/revisions/${revisionId}`;
