/**
 * Growing typed-array columns: the one helper the scanner, the
 * checker's symbol columns and the simulator's queues and lane records use
 * when a column is full. Growth is rare (capacities double), so a generic
 * function costs nothing on the hot paths that write the columns.
 */
export type NumberColumn = Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array;

/** The least power of two ≥ `n` (1 for n ≤ 1): the capacity of a column or a tree that halves or doubles. */
export function powerOfTwoAtLeast(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/** A new column of `length` elements of `a`'s type, holding `a`'s elements first (the rest zero). */
export function withLength<T extends NumberColumn>(a: T, length: number): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a);
  return b;
}
