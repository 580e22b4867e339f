// What the moderation forms may send (lib/moderation/form-schemas.ts, reasons.ts), the admin
// page's address (admin-query.ts) and the notices a plain form comes back with (notices.ts).
import { describe, expect, it } from "vitest";
import { adminHref, parseAdminQuery } from "@/lib/moderation/admin-query";
import {
  parseBanForm,
  parseCommentForm,
  parseHideForm,
  parseReattachPassageForm,
  parseReportForm,
  parseResolveForm,
  parseThreadForm,
  parseUnbanForm,
  safeAdminReturnTo,
} from "@/lib/moderation/form-schemas";
import { describeNotice, noticeFor, withNotice } from "@/lib/moderation/notices";
import { MODERATION_REASONS, reasonSchema } from "@/lib/moderation/reasons";

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

describe("reasons", () => {
  it("offers the short list, ending with Other", () => {
    expect(MODERATION_REASONS).toEqual(["Personal attack", "Spam", "Off topic", "Private information", "Other"]);
  });

  it("keeps reasons between 1 and 500 characters, trimmed", () => {
    expect(reasonSchema.parse("  Spam ")).toBe("Spam");
    expect(reasonSchema.safeParse("   ").success).toBe(false);
    expect(reasonSchema.safeParse("x".repeat(500)).success).toBe(true);
    expect(reasonSchema.safeParse("x".repeat(501)).success).toBe(false);
  });

  it("stores a choice, a choice with words, or words alone; Other needs words", () => {
    const reason = (fields: Record<string, string>) => parseHideForm(form({ commentId: "7", ...fields }));
    expect(reason({ reason: "Spam" })).toEqual({ ok: true, data: { commentId: 7, reason: "Spam" } });
    expect(reason({ reason: "Spam", reasonDetail: " links to a shop " })).toEqual({ ok: true, data: { commentId: 7, reason: "Spam: links to a shop" } });
    expect(reason({ reason: "Other", reasonDetail: "Quoted a private letter" })).toEqual({ ok: true, data: { commentId: 7, reason: "Quoted a private letter" } });
    expect(reason({ reasonDetail: "Written only" })).toEqual({ ok: true, data: { commentId: 7, reason: "Written only" } });
    expect(reason({ reason: "Other", reasonDetail: "  " })).toEqual({ ok: false, error: "Say why: pick a reason or write one." });
    expect(reason({})).toEqual({ ok: false, error: "Say why: pick a reason or write one." });
    expect(reason({ reason: "Because" })).toEqual({ ok: false, error: "Pick a reason from the list." });
    expect(reason({ reason: "Other", reasonDetail: "x".repeat(501) })).toMatchObject({ ok: false, error: "Keep the reason to 500 characters." });
  });
});

describe("form parsers", () => {
  it("read ids and refuse anything else", () => {
    expect(parseCommentForm(form({ commentId: "42" }))).toEqual({ ok: true, data: { commentId: 42 } });
    for (const commentId of ["", "0", "-1", "4.2", "abc", "99999999999"]) expect(parseCommentForm(form({ commentId })).ok).toBe(false);
    expect(parseCommentForm(new FormData()).ok).toBe(false);
    const file = new FormData();
    file.set("commentId", new Blob(["42"]));
    expect(parseCommentForm(file).ok).toBe(false);
    expect(parseResolveForm(form({ reportId: "3", resolution: " Hidden " }))).toEqual({ ok: true, data: { reportId: 3, resolution: "Hidden" } });
    expect(parseResolveForm(form({ reportId: "3", resolution: "" }))).toMatchObject({ ok: false });
    expect(parseReportForm(form({ commentId: "5", reason: "Off topic" }))).toEqual({ ok: true, data: { commentId: 5, reason: "Off topic" } });
  });

  it("read essay paths and optional notes", () => {
    expect(parseThreadForm(form({ essayPath: "/a/01/02/b", note: "" }))).toEqual({ ok: true, data: { essayPath: "/a/01/02/b", note: undefined } });
    expect(parseThreadForm(form({ essayPath: "/a/01/02/b", note: " Heated " }))).toEqual({ ok: true, data: { essayPath: "/a/01/02/b", note: "Heated" } });
    expect(parseThreadForm(form({ essayPath: "//evil.example" })).ok).toBe(false);
    expect(parseUnbanForm(form({ userId: "u-1" }))).toEqual({ ok: true, data: { userId: "u-1", note: undefined } });
    expect(parseUnbanForm(form({ userId: " " })).ok).toBe(false);
  });

  it("read a ban: the last day is inclusive (UTC), empty means until lifted, and never in the past", () => {
    const now = new Date("2030-03-10T15:00:00Z");
    const ban = (fields: Record<string, string>) => parseBanForm(form({ userId: "u-1", reason: "Spam", ...fields }), now);
    expect(ban({})).toEqual({ ok: true, data: { userId: "u-1", reason: "Spam", endsAt: null, hideComments: false } });
    expect(ban({ endsAt: "", hideComments: "on" })).toEqual({ ok: true, data: { userId: "u-1", reason: "Spam", endsAt: null, hideComments: true } });
    expect(ban({ endsAt: "2030-03-12" })).toMatchObject({ ok: true, data: { endsAt: new Date("2030-03-13T00:00:00Z") } });
    // Today as the last day: the ban ends at midnight tonight.
    expect(ban({ endsAt: "2030-03-10" })).toMatchObject({ ok: true, data: { endsAt: new Date("2030-03-11T00:00:00Z") } });
    expect(ban({ endsAt: "2030-03-09" })).toEqual({ ok: false, error: "The last day of a ban cannot be in the past." });
    for (const endsAt of ["2030-02-30", "tomorrow", "2030-3-12", "12/03/2030"]) {
      expect(ban({ endsAt })).toEqual({ ok: false, error: "Give the last day of the ban as a date, or leave it empty." });
    }
  });
});

describe("returnTo", () => {
  it("accepts admin addresses only", () => {
    expect(safeAdminReturnTo("/admin")).toBe("/admin");
    expect(safeAdminReturnTo("/admin?view=queue&page=2")).toBe("/admin?view=queue&page=2");
    for (const value of [
      undefined,
      "",
      "https://evil.example/admin",
      "//evil.example/admin",
      "/admin@evil.example",
      "/administrator",
      "/admin/../profile",
      "/admin\\..\\x",
      "/\\evil.example",
      "/admin\n",
      "/",
      "/profile",
      42,
    ]) {
      expect(safeAdminReturnTo(value)).toBeUndefined();
    }
  });

  it("comes back with a notice code, replacing an earlier one", () => {
    expect(withNotice("/admin?view=queue&notice=hidden", "approved")).toBe("/admin?view=queue&notice=approved");
    expect(noticeFor("approved")).toEqual({ text: "The comment is approved and published.", ok: true });
    expect(noticeFor("forbidden")).toEqual({ text: "Only moderators can do this.", ok: false });
    expect(describeNotice("unchanged").ok).toBe(true);
    for (const code of ["<script>", "toString", "constructor", undefined, ["approved"]]) expect(noticeFor(code)).toBeUndefined();
  });
});

describe("the admin page's address", () => {
  const essays = new Set(["/a/01/01/one"]);

  it("falls back to defaults for anything unknown", () => {
    expect(parseAdminQuery({}, essays)).toEqual({ view: "recent", essay: undefined, status: undefined, page: 1 });
    expect(parseAdminQuery({ view: "nope", essay: "/unknown", status: "spam", page: "-2" }, essays)).toEqual({
      view: "recent",
      essay: undefined,
      status: undefined,
      page: 1,
    });
    expect(parseAdminQuery({ view: "recent", essay: "/a/01/01/one", status: "hidden", page: "3" }, essays)).toEqual({
      view: "recent",
      essay: "/a/01/01/one",
      status: "hidden",
      page: 3,
    });
    // Filters belong to the recent view only.
    expect(parseAdminQuery({ view: "log", essay: "/a/01/01/one", status: "hidden" }, essays)).toEqual({ view: "log", essay: undefined, status: undefined, page: 1 });
  });

  it("writes addresses that read back the same", () => {
    const query = { view: "recent", essay: "/a/01/01/one", status: "pending", page: 2 } as const;
    const href = adminHref(query);
    expect(href).toBe("/admin?view=recent&essay=%2Fa%2F01%2F01%2Fone&status=pending&page=2");
    const params = Object.fromEntries(new URL(href, "http://x").searchParams);
    expect(parseAdminQuery(params, essays)).toEqual(query);
    expect(safeAdminReturnTo(href)).toBe(href);
    expect(adminHref({ view: "bans" })).toBe("/admin?view=bans");
  });
});

describe("re-attaching a passage by hand", () => {
  it("takes a comment, a block id and the words exactly as copied (spaces kept)", () => {
    expect(parseReattachPassageForm(form({ commentId: "12", blockId: "b3k9_x-2", words: " the point." }))).toEqual({ ok: true, data: { commentId: 12, blockId: "b3k9_x-2", words: " the point." } });
  });

  it("says what is missing or wrong, and never takes a crafted block id", () => {
    expect(parseReattachPassageForm(form({ commentId: "12", blockId: "b1", words: "   " }))).toEqual({ ok: false, error: "Give the words in that paragraph the response is about." });
    expect(parseReattachPassageForm(form({ commentId: "12", blockId: "b1", words: "x".repeat(1_001) }))).toEqual({ ok: false, error: "Give at most 1,000 characters of the paragraph." });
    expect(parseReattachPassageForm(form({ commentId: "12", blockId: "b1\" or 1=1", words: "the point" }))).toEqual({ ok: false, error: "Choose the paragraph to attach it to." });
    expect(parseReattachPassageForm(form({ commentId: "12", words: "the point" }))).toEqual({ ok: false, error: "Choose the paragraph to attach it to." });
  });

  it("reports an attachment as done and a refusal as refused", () => {
    expect(describeNotice("passage-attached-changed").ok).toBe(true);
    expect(describeNotice("words-ambiguous")).toEqual({ ok: false, text: "Nothing changed: those words occur more than once in that paragraph. Give a few more words." });
  });
});
