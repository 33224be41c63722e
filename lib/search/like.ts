/**
 * A LIKE pattern that finds `text` anywhere, its own % _ and \ matched literally (use with
 * ESCAPE '\'), so a search box never becomes a wildcard. The one escape every search uses.
 */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}

/** A LIKE pattern for values that start with `text` (e.g. a secret's displayed prefix). */
export function startsWithPattern(text: string): string {
  return `${escapeLike(text)}%`;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
