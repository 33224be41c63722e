/** A refused token change, with a message fit to show the person who asked for it. */
export class TokenChangeError extends Error {}

/**
 * A token that does not exist, or belongs to someone the actor may not act for: the same
 * answer in both cases, so token ids cannot be probed.
 */
export class TokenNotFoundError extends TokenChangeError {
  constructor() {
    super("Token not found.");
  }
}
