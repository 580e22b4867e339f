// A page's search parameters as Next hands them over: a name may come once, several times or not at all.
export type SearchParams = Record<string, string | string[] | undefined>;

/** The first value of a parameter, or undefined. */
export const firstParam = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** Every value of a parameter, in order. */
export const allParams = (value: string | string[] | undefined) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
