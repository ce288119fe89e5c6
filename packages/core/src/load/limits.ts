/** Bounds that keep loading fast and safe on hostile input. Documented in docs/model-format.md. */

/** A model file above this size is refused before it is parsed (16 MiB). */
export const MAX_MODEL_BYTES = 16 * 1024 * 1024;
/** Deepest nesting of mappings and lists accepted (a real model needs about 10, deep attack trees about 50). */
export const MAX_NESTING_DEPTH = 128;
/** How many alias expansions (`*name`) one file may contain; a "billion laughs" file needs millions. */
export const MAX_ALIAS_COUNT = 1000;
/** How many files one model may span, root and includes together. */
export const MAX_INCLUDED_FILES = 256;
/** Deepest chain of boundaries inside boundaries (`parent:`); real systems need a handful of levels. */
export const MAX_BOUNDARY_DEPTH = 64;
/**
 * Largest file read by the slower YAML parser that gives positioned errors and enforces alias limits
 * (2 MiB): it costs about a second and 80 MB per MiB. Larger files with a syntax error are reported
 * from the fast parser's error, which has the same place and a plainer message.
 */
export const MAX_SLOW_PARSE_BYTES = 2 * 1024 * 1024;
