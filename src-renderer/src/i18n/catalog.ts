/**
 * A translation must have exactly the keys of the English catalogue (extra keys fail the object-literal check,
 * missing ones fail assignment), so `tsc` already refuses a key present in one language only. Messages use ICU
 * syntax: `{count, plural, one {# row} other {# rows}}`, `{name}`.
 */
export type Catalog<T> = { [K in keyof T]: T[K] extends string ? string : Catalog<T[K]> }
