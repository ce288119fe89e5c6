/** Bounds that keep loading fast and safe on hostile input. Documented in docs/model-format.md. */

/** A model file above this size is refused before it is parsed (16 MiB). */
export const MAX_MODEL_BYTES = 16 * 1024 * 1024;
/** Deepest nesting of mappings and lists accepted (a real model needs about 10, deep attack trees about 50). */
export const MAX_NESTING_DEPTH = 128;
/** How many alias expansions (`*name`) one file may contain; a "billion laughs" file needs millions. */
export const MAX_ALIAS_COUNT = 1000;
/** How many files one model may span, root and includes together. */
export const MAX_INCLUDED_FILES = 256;
