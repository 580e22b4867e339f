"use client";

import { useState, useSyncExternalStore, type Ref } from "react";
import { bandAnnouncement, counterText, countCommentCharacters, lengthBand, MAX } from "./comment-length";

type Props = {
  id: string;
  rows: number;
  initial: string;
  autoFocus?: boolean;
  invalid: boolean;
  /** The hint or the error the box is described by, besides its counter. */
  describedBy: string;
  /** Each change, with the count the server will make of it. */
  onCount: (count: number) => void;
  ref?: Ref<HTMLTextAreaElement>;
};

const noSubscription = () => () => {};

/**
 * The comment box and its counter. No `maxlength`: it would cut a paste silently, so the whole
 * text stays and the counter says by how much it is over (decision 031). The counter is read
 * with the box (aria-describedby); a polite live region speaks only when the count crosses into
 * another band (near the limit, at it, over it, back under it), never on each keystroke.
 */
export function CommentBodyField({ id, rows, initial, autoFocus, invalid, describedBy, onCount, ref }: Props) {
  const [count, setCount] = useState(() => countCommentCharacters(initial));
  const band = lengthBand(count);
  const [announced, setAnnounced] = useState({ band, text: "" });
  if (announced.band !== band) setAnnounced({ band, text: bandAnnouncement(band, count, announced.band) });
  // Without JavaScript nothing counts as one types: the static page states the limit instead.
  const counting = useSyncExternalStore(noSubscription, () => true, () => false);
  const counterId = `${id}-count`;

  return (
    <>
      <textarea
        ref={ref}
        id={id}
        name="body"
        rows={rows}
        required
        autoFocus={autoFocus}
        defaultValue={initial}
        onInput={(event) => {
          const next = countCommentCharacters(event.currentTarget.value);
          setCount(next);
          onCount(next);
        }}
        aria-invalid={invalid || band === "over" ? true : undefined}
        aria-describedby={`${describedBy} ${counterId}`}
      />
      <p id={counterId} className="char-count" data-band={counting ? band : undefined}>
        {counting ? counterText(count) : `Up to ${MAX.toLocaleString("en-US")} characters.`}
      </p>
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announced.text}
      </p>
    </>
  );
}
