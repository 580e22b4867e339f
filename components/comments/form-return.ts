import { usePathname } from "next/navigation";

/** The form's own anchor: one per page (the new-comment form, a reply to one comment, an edit of one). */
export function formAnchor({ parentId, editId }: { parentId?: number; editId?: number }): string {
  if (editId !== undefined) return `edit-${editId}`;
  return parentId !== undefined ? `reply-${parentId}` : "new-comment";
}

/**
 * Where a form posted without JavaScript comes back to: this page, scrolled to the form, so a
 * refusal is read next to the field it is about rather than at the top of the page (decision 033).
 * With JavaScript the form never leaves the page and this address is not used.
 */
export function useReturnToForm(anchor: string): string {
  return `${usePathname() ?? "/"}#${anchor}`;
}
