"use client";

import { useEffect } from "react";

/**
 * A `#comment-<id>` link copied from a later page of a thread can outlive its page: as
 * conversations grow, later ones move on (docs/decisions/016). When the comment is not on
 * this page, its lasting address `/comments/<id>` finds where it is now. Once per comment
 * and tab, so a comment no page shows (deleted) cannot send the reader round in circles.
 */
export function useFindMovedComment(ready: boolean) {
  useEffect(() => {
    if (!ready) return;
    const id = /^#comment-(\d+)$/.exec(window.location.hash)?.[1];
    if (!id) return;
    const key = `comment-lookup-${id}`;
    try {
      if (document.getElementById(`comment-${id}`) || sessionStorage.getItem(key)) {
        sessionStorage.removeItem(key);
        return;
      }
      sessionStorage.setItem(key, "1");
    } catch {
      return; // Storage is off: no way to tell a first try from a loop.
    }
    window.location.replace(`/comments/${id}`);
  }, [ready]);
}
