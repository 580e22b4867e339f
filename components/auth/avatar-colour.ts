// The colour of a reader's initial when they have no picture (decision 032). Pure: the same on
// the server and in the browser, so the static thread and the hydrated page agree.

/** One colour per theme; the letter is white on the light theme's, dark on the dark theme's. */
export type AvatarColours = { light: { background: string; text: string }; dark: { background: string; text: string } };

export const AVATAR_TEXT = { light: "#ffffff", dark: "#161513" } as const;

/**
 * Twelve hues 30° apart at one perceived lightness (OKLCH L 0.50 / C 0.12 for the light theme,
 * L 0.80 / C 0.10 for the dark one), so no reader's colour shouts louder than another's.
 * Contrast of the letter: 5.4-6.5:1 (light), 9.4-10.2:1 (dark); tests/unit/avatar-colour.test.ts checks ≥ 4.5.
 */
export const AVATAR_PALETTE: readonly { light: string; dark: string }[] = [
  { light: "#9b424d", dark: "#f7a3a9" },
  { light: "#994920", dark: "#f4a988" },
  { light: "#8a5700", dark: "#e4b572" },
  { light: "#6e6600", dark: "#c7c274" },
  { light: "#437224", dark: "#a2cd8b" },
  { light: "#007852", dark: "#7cd2ae" },
  { light: "#007778", dark: "#65d2d2" },
  { light: "#007096", dark: "#70ccee" },
  { light: "#2e64a6", dark: "#92c1fd" },
  { light: "#5d57a4", dark: "#b7b5fc" },
  { light: "#7d4b92", dark: "#d6aaea" },
  { light: "#914373", dark: "#eda4cc" },
];

/** Readers with no account behind their words ("a former reader"): a quiet grey, the same for all. */
const NO_ACCOUNT = { light: "#5b554c", dark: "#b3ab9e" };

/** FNV-1a (32 bit): short ids that differ by one character still land far apart. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The reader's colours, from their user id only: a name or an e-mail can change or be shared. */
export function avatarColours(userId: string | null): AvatarColours {
  const colour = userId ? AVATAR_PALETTE[hash(userId) % AVATAR_PALETTE.length]! : NO_ACCOUNT;
  return {
    light: { background: colour.light, text: AVATAR_TEXT.light },
    dark: { background: colour.dark, text: AVATAR_TEXT.dark },
  };
}
