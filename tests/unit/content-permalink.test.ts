import { afterEach, describe, expect, it, vi } from "vitest";
import { loadEssays } from "@/lib/content/load-essays";
import { assertPermalinkPattern, buildLegacyPath, buildPermalink, normalizePath } from "@/lib/content/permalink";
import { siteConfig } from "@/site.config";
import { essaySource, loadOptions, tempContent } from "../support/temp-content";

const FIRST = { category: "leftlibertarian", slug: "because-killing-them-all-is-not-an-option" };
const FIRST_PATH = "/leftlibertarian/08/23/because-killing-them-all-is-not-an-option";
const midnightUtc = new Date(Date.UTC(2010, 7, 23));

// Zones either side of UTC where midnight UTC on the 23rd is the 22nd (west) or 23rd (east) locally,
// and 23:30 UTC on the 23rd is already the 24th (east).
const ZONES = ["America/Los_Angeles", "Pacific/Kiritimati", "UTC"];

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("buildPermalink", () => {
  it("builds the site's address for the first essay", () => {
    expect(buildPermalink(siteConfig.permalinkPattern, { ...FIRST, date: midnightUtc })).toBe(FIRST_PATH);
  });

  it.each(ZONES)("reads the date in UTC whatever the process zone (TZ=%s)", (zone) => {
    vi.stubEnv("TZ", zone);
    if (zone === "America/Los_Angeles") expect(midnightUtc.getDate()).toBe(22); // the zone did change
    expect(buildPermalink(siteConfig.permalinkPattern, { ...FIRST, date: midnightUtc })).toBe(FIRST_PATH);
    const lateEvening = new Date(Date.UTC(2010, 7, 23, 23, 30));
    expect(buildPermalink("/:category/:MM/:DD/:slug", { ...FIRST, date: lateEvening })).toBe(FIRST_PATH);
  });

  it("fills every token, in any order, more than once", () => {
    const parts = { category: "essays", slug: "on-things", date: new Date(Date.UTC(2009, 0, 5)) };
    expect(buildPermalink("/:YYYY/:category/:slug/:MM-:DD", parts)).toBe("/2009/essays/on-things/01-05");
    expect(buildPermalink("/:slug/:slug/:DD/:DD", parts)).toBe("/on-things/on-things/05/05");
  });
});

describe("addresses of loaded essays", () => {
  it.each(ZONES)("an essay dated 2010-08-23 lives at /…/08/23/… (TZ=%s)", (zone) => {
    vi.stubEnv("TZ", zone);
    const [essay] = loadEssays(loadOptions("content"));
    expect(essay?.path).toBe(FIRST_PATH);
    expect(essay?.legacyPath).toBe("/2010/08/23/because-killing-them-all-is-not-an-option");
  });

  it.each(ZONES)("a time without a zone is UTC, not the server's zone (TZ=%s)", (zone) => {
    vi.stubEnv("TZ", zone);
    const dir = tempContent({
      "late.md": essaySource('title: Late\ncategory: essays\ndate: "2010-08-23T23:30"'),
    });
    const [essay] = loadEssays(loadOptions(dir));
    expect(essay?.date).toBe("2010-08-23T23:30:00.000Z");
    expect(essay?.path).toBe("/essays/08/23/late");
  });

  it("a time with a zone is placed by its UTC day", () => {
    const dir = tempContent({
      "late.md": essaySource('title: Late\ncategory: essays\ndate: "2010-08-23T23:30:00-05:00"'),
    });
    expect(loadEssays(loadOptions(dir))[0]?.path).toBe("/essays/08/24/late");
  });
});

describe("buildLegacyPath", () => {
  it("is the old blog's /YYYY/MM/DD/slug", () => {
    expect(buildLegacyPath({ ...FIRST, date: midnightUtc })).toBe(
      "/2010/08/23/because-killing-them-all-is-not-an-option",
    );
  });

  it("pads month and day", () => {
    expect(buildLegacyPath({ category: "x", slug: "s", date: new Date(Date.UTC(2011, 2, 4)) })).toBe("/2011/03/04/s");
  });
});

describe("assertPermalinkPattern", () => {
  it("accepts the site's pattern and other four-segment ones with :slug", () => {
    expect(() => assertPermalinkPattern(siteConfig.permalinkPattern)).not.toThrow();
    expect(() => assertPermalinkPattern("/:category/:YYYY/:MM/:slug")).not.toThrow();
  });

  it("requires a leading slash", () => {
    expect(() => assertPermalinkPattern(":category/:MM/:DD/:slug")).toThrow("it must start with /");
  });

  it("requires exactly four segments", () => {
    expect(() => assertPermalinkPattern("/:category/:slug")).toThrow("it must have exactly four segments");
    expect(() => assertPermalinkPattern("/:category/:YYYY/:MM/:DD/:slug")).toThrow("it must have exactly four segments");
  });

  it("requires :slug", () => {
    expect(() => assertPermalinkPattern("/:category/:YYYY/:MM/:DD")).toThrow("it must contain :slug");
  });

  it("names unknown tokens and the known ones", () => {
    expect(() => assertPermalinkPattern("/:category/:MM/:day/:slug")).toThrow(
      "unknown token(s) :day; known: :category, :YYYY, :MM, :DD, :slug",
    );
  });

  it("names the setting and lists every problem at once", () => {
    expect(() => assertPermalinkPattern("posts/:title")).toThrow(
      'site.config.ts permalinkPattern "posts/:title" is not usable: it must start with /; it must have exactly four segments',
    );
  });
});

describe("normalizePath", () => {
  it.each([
    ["/leftlibertarian/08/23/slug/", "/leftlibertarian/08/23/slug"],
    ["/archive///", "/archive"],
    ["/", "/"],
    ["", "/"],
    ["//", "/"],
    ["/LeftLibertarian/08/23/Slug", "/leftlibertarian/08/23/slug"],
  ])("%j → %j", (input, expected) => {
    expect(normalizePath(input)).toBe(expected);
  });
});
