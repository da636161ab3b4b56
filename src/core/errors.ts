/**
 * An error whose message is meant for the person who caused it: shown as is, one line, no stack.
 * Anything else that reaches an adapter's catch site is a bug: logged, and the user gets an apology.
 */
export class UserError extends Error {
  override name = 'UserError';
}

/** A knowledge file is broken. The message names the file, the fact and the field. */
export class KnowledgeError extends UserError {
  override name = 'KnowledgeError';
}

/** A setting is missing or malformed. The message names the environment variable to set. */
export class ConfigError extends UserError {
  override name = 'ConfigError';
}
