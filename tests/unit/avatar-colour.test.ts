import { describe, expect, it } from "vitest";
import { AVATAR_PALETTE, AVATAR_TEXT, avatarColours } from "@/components/auth/avatar-colour";

/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const n = Number.parseInt(hex.slice(1), 16);
    const [r, g, bl] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => {
      const c = v / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

describe("avatar colours", () => {
  it("keep the letter at 4.5:1 or more in both themes, for every colour", () => {
    for (const colour of AVATAR_PALETTE) {
      expect(contrast(colour.light, AVATAR_TEXT.light), colour.light).toBeGreaterThanOrEqual(4.5);
      expect(contrast(colour.dark, AVATAR_TEXT.dark), colour.dark).toBeGreaterThanOrEqual(4.5);
    }
    const none = avatarColours(null);
    expect(contrast(none.light.background, none.light.text)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(none.dark.background, none.dark.text)).toBeGreaterThanOrEqual(4.5);
  });

  it("stand out from the page in both themes (3:1, as for any graphic that identifies)", () => {
    for (const colour of AVATAR_PALETTE) {
      expect(contrast(colour.light, "#fdfcf9")).toBeGreaterThanOrEqual(3);
      expect(contrast(colour.dark, "#161513")).toBeGreaterThanOrEqual(3);
    }
  });

  it("are the same for the same id, and spread ids that differ by one character over the palette", () => {
    expect(avatarColours("user-42")).toEqual(avatarColours("user-42"));
    const used = new Set<string>();
    for (let i = 0; i < 60; i += 1) used.add(avatarColours(`3f2b9c1e-0000-4000-8000-${String(i).padStart(12, "0")}`).light.background);
    expect(used.size).toBe(AVATAR_PALETTE.length);
    expect(avatarColours("a").light.background).not.toBe(avatarColours("b").light.background);
  });
});
