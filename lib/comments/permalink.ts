/** A comment's lasting address (app/comments/[id]/page.tsx finds its page of the thread). */
export const commentPermalink = (id: number) => `/comments/${id}`;
