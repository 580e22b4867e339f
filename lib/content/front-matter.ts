import { z } from "zod";

/**
 * Top-level addresses the site itself uses; a category with one of these names
 * would hide a page (or be hidden by it). Four digits are the old blog's years.
 */
export const RESERVED_CATEGORIES = new Set([
  "api",
  "archive",
  "admin",
  "auth",
  "comments",
  "page",
  "profile",
  "sign-in",
  "sign-out",
  "tags",
  "feed.xml",
  "feed.json",
  "rss.xml",
  "sitemap.xml",
  "robots.txt",
]);

const urlSegment = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A zone at the end of a timestamp: Z, +02:00 or -0500. */
const zoneSuffix = /(?:Z|[+-]\d{2}:?\d{2})$/;

/**
 * YAML turns an unquoted `2010-08-23` (or `2010-08-23T14:30:00Z`) into a Date; a quoted one stays
 * a string. Both are accepted. The whole timestamp is kept, so an unquoted time is not dropped.
 */
const isoDate = z.preprocess(
  (value) => (value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : value),
  z
    .string({ message: "expected an ISO date such as 2010-08-23" })
    .regex(/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/, {
      message: "expected an ISO date such as 2010-08-23 (or 2010-08-23T14:30:00Z)",
    })
    // A date alone means midnight UTC, and a time without a zone is UTC too (JavaScript would read it
    // in the server's zone), so the address's month and day never shift with the server's zone.
    .transform((value) => {
      const timestamp = value.length === 10 ? `${value}T00:00:00` : value.replace(" ", "T");
      return zoneSuffix.test(timestamp) ? timestamp : `${timestamp}Z`;
    })
    .refine(
      (value) => {
        // Date() rolls 2010-02-30 over to March 2 instead of failing, so the day is checked on its own.
        const [year = 0, month = 0, day = 0] = value.slice(0, 10).split("-").map(Number);
        const calendarDay = new Date(Date.UTC(year, month - 1, day));
        return (
          !Number.isNaN(new Date(value).getTime()) &&
          calendarDay.getUTCMonth() === month - 1 &&
          calendarDay.getUTCDate() === day
        );
      },
      { message: "is not a real calendar date and time" },
    ),
);

/**
 * Text a writer must give. A value of the wrong type (YAML reads `title: 1984` as a number) gets
 * "expected text", not "is required", which would send the writer looking for a missing line.
 */
const requiredText = (what: string) =>
  z.string({
    error: (issue) =>
      issue.input === undefined ? `is required: ${what}` : `expected text (quote it in the YAML): ${what}`,
  });

const tagName = z
  .string()
  .trim()
  .min(1, { message: "has an empty tag" })
  .max(60, { message: "has a tag longer than 60 characters" });

/** Tags as a YAML list, or as one comma-separated string (the first essay's form). */
const tags = z
  .union([z.array(tagName), z.string()], { message: "expected a list of tags or a comma-separated string" })
  .transform((value) =>
    (Array.isArray(value) ? value : value.split(",")).map((tag) => tag.trim()).filter((tag) => tag !== ""),
  )
  .pipe(z.array(tagName))
  .default([]);

export const frontMatterSchema = z
  .object({
    title: requiredText("the essay's title").trim().min(1, { message: "must not be empty" }),
    subtitle: z.string({ message: "expected text" }).trim().min(1).optional(),
    date: isoDate,
    updated: isoDate.optional(),
    category: requiredText("a lower-case word such as leftlibertarian")
      .trim()
      .regex(urlSegment, { message: "expected lower-case letters, digits and single hyphens, such as leftlibertarian" })
      .refine((value) => !/^\d{4}$/.test(value), {
        message: "must not be four digits: /<YYYY>/… addresses are the old blog's and redirect to essays",
      })
      .refine((value) => !RESERVED_CATEGORIES.has(value), {
        message: `must not be one of the site's own addresses (${[...RESERVED_CATEGORIES].join(", ")})`,
      }),
    slug: z
      .string({ message: "expected text" })
      .trim()
      .regex(urlSegment, { message: "expected lower-case letters, digits and single hyphens" })
      .optional(),
    tags,
    description: z.string({ message: "expected text" }).trim().min(1).max(300, { message: "must be 300 characters or fewer" }).optional(),
    author: z.string({ message: "expected text" }).trim().min(1).optional(),
    draft: z.boolean({ message: "expected true or false" }).default(false),
    comments: z
      .enum(["open", "closed", "hidden"], { message: "expected open, closed or hidden" })
      .default("open"),
  })
  .strict();

export type FrontMatter = z.infer<typeof frontMatterSchema>;
