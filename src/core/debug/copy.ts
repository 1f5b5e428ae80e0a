/**
 * A deep copy of a paused run: the Engine and everything it reaches, for
 * the debugger's checkpoints (timeline.ts). The simulator's parts are plain
 * classes, arrays, typed arrays, Maps and Sets, so one generic copy serves
 * every part, and a new part needs nothing here.
 *
 * Invariants: the copy has the same shape as the original — each object
 * keeps its prototype, shared references stay shared and cycles stay cycles
 * (one copy per original object); objects `shared` accepts (the Scenario IR
 * and the decoded code tables, which a run only reads) and functions are
 * not copied but referenced, so a copied engine must never call a function
 * that closes over the original one: the engine's only such closure is the
 * trace's lane labeller, which only `TraceBuilder.finish` calls, and a
 * debugger never finishes a run. The walk is iterative: a long chain of
 * objects cannot overflow the stack.
 */

type Typed = Uint8Array | Int32Array | Uint32Array | Float64Array | Int8Array | Int16Array | Uint16Array | Float32Array | Uint8ClampedArray;

export function copyGraph<T extends object>(root: T, shared: (o: object) => boolean): T {
  const copies = new Map<object, object>();
  /** Originals whose copies still need their contents, with the copy. */
  const pending: [object, object][] = [];

  const copyOf = (v: unknown): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    const known = copies.get(v);
    if (known !== undefined) return known;
    if (shared(v)) return v;
    let c: object;
    if (ArrayBuffer.isView(v)) c = (v as Typed).slice();
    else if (Array.isArray(v)) c = new Array<unknown>(v.length);
    else if (v instanceof Map) c = new Map<unknown, unknown>();
    else if (v instanceof Set) c = new Set<unknown>();
    // Every own property at once (primitives copied, references fixed below):
    // adding them one by one would be a slow store per property.
    else c = Object.assign(Object.create(Object.getPrototypeOf(v) as object | null) as object, v);
    copies.set(v, c);
    if (!ArrayBuffer.isView(v)) pending.push([v, c]);
    return c;
  };

  const top = copyOf(root) as T;
  while (pending.length > 0) {
    const [from, to] = pending.pop()!;
    if (Array.isArray(from)) {
      const a = to as unknown[];
      for (let i = 0; i < from.length; i++) a[i] = copyOf(from[i]);
    } else if (from instanceof Map) {
      const m = to as Map<unknown, unknown>;
      for (const [k, val] of from as Map<unknown, unknown>) m.set(copyOf(k), copyOf(val));
    } else if (from instanceof Set) {
      const s = to as Set<unknown>;
      for (const k of from as Set<unknown>) s.add(copyOf(k));
    } else {
      const src = from as Record<string, unknown>;
      const dst = to as Record<string, unknown>;
      for (const k of Object.keys(src)) {
        const x = src[k];
        if (typeof x === 'object' && x !== null) dst[k] = copyOf(x);
      }
    }
  }
  return top;
}
