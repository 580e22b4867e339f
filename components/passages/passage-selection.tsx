"use client";

import { useEffect, useRef, useState } from "react";
import { respondHref } from "@/lib/anchors/respond-href";

type Props = { essayPath: string };
type Chosen = { href: string; top: number; left: number };

// Text a block adds to the page that is not the block's own: the "N responses" / "Respond" lines and
// a heading's "#" link. Offsets count the block's own text only, as the server's revision does.
const NOT_BLOCK_TEXT = "[data-passage-meta], .heading-anchor";

/** Characters of `block`'s own text before the point (container, offset) of a selection. */
function offsetIn(block: Element, container: Node, offset: number): number {
  const point = document.createRange();
  point.setStart(container, offset);
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.parentElement?.closest(NOT_BLOCK_TEXT) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  let count = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node === container) return count + offset;
    const length = (node as Text).length;
    if (point.comparePoint(node, length) > 0) break;
    count += length;
  }
  return count;
}

const blockOf = (node: Node) => (node instanceof Element ? node : node.parentElement)?.closest<HTMLElement>("[data-block]") ?? null;

/** The selection as the respond page takes it, or null when it is not a passage of this essay. */
function chosenPassage(essayPath: string): Chosen | null {
  const selection = document.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  const prose = document.querySelector<HTMLElement>(".prose[data-revision]");
  const start = blockOf(range.startContainer);
  if (!prose || !start || !prose.contains(start) || start.closest(NOT_BLOCK_TEXT)) return null;
  const endBlock = blockOf(range.endContainer);
  const end = endBlock && prose.contains(endBlock) ? endBlock : start;
  const href = respondHref(essayPath, {
    block: start.dataset.block ?? "",
    revision: prose.dataset.revision,
    start: offsetIn(start, range.startContainer, range.startOffset),
    // A selection that ends past the prose ends with the block it started in; the page clips it.
    end: end === endBlock ? offsetIn(end, range.endContainer, range.endOffset) : offsetIn(start, start, start.childNodes.length),
    endBlock: end.dataset.block,
  });
  const box = range.getBoundingClientRect();
  return { href, top: box.bottom + window.scrollY + 8, left: Math.max(8, box.left + window.scrollX) };
}

/**
 * "Respond to this passage" (issue 15): appears under a selection in the essay and opens the respond
 * page with it. The keyboard reaches it with the Tab that follows the selection; Escape dismisses it.
 * Without JavaScript each paragraph's "Respond" link does the same.
 */
export function PassageSelection({ essayPath }: Props) {
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const link = useRef<HTMLAnchorElement>(null);

  useEffect(() => {
    // Focus on the control itself may collapse the selection: the control stays until it is used or dismissed.
    const update = () => {
      if (link.current && document.activeElement === link.current) return;
      setChosen(chosenPassage(essayPath));
    };
    const onKey = (event: KeyboardEvent) => {
      if (!link.current) return;
      if (event.key === "Escape") return setChosen(null);
      const focus = document.activeElement;
      const reading = !focus || focus === document.body || Boolean(focus.closest(".prose"));
      if (event.key === "Tab" && !event.shiftKey && reading && focus !== link.current) {
        event.preventDefault();
        link.current.focus();
      }
    };
    document.addEventListener("selectionchange", update);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("selectionchange", update);
      document.removeEventListener("keydown", onKey);
    };
  }, [essayPath]);

  if (!chosen) return null;
  return (
    <a
      ref={link}
      href={chosen.href}
      className="passage-selection button"
      style={{ top: chosen.top, left: chosen.left }}
      // A press must not clear the selection (and with it the control) before the click lands.
      onMouseDown={(event) => event.preventDefault()}
      onBlur={() => setChosen(chosenPassage(essayPath))}
    >
      Respond to this passage
    </a>
  );
}
