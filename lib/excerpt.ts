/** `text` cut to at most `max` characters at a word boundary (the cut marked with " …"), or whole if it fits. */
export const excerpt = (text: string, max: number) => (text.length > max ? `${text.slice(0, max).replace(/\s+\S*$/, "")} …` : text);
