/**
 * A deep copy of a paused run: the Engine and everything it reaches, for
 * the debugger's checkpoints (timeline.ts). The simulator's parts are plain
 * classes, arrays, typed arrays, Maps and Sets, so one generic copy serves
 * every part, and a new part needs nothing here.
 *
 * Invariants: the copy has the same shape as the original — each object
 * keeps its prototype and its own properties in their order, shared
 * references stay shared and cycles stay cycles (one copy per original
 * object); objects `shared` accepts (the Scenario IR and the decoded code
 * tables, which a run only reads) and functions are not copied but
 * referenced, so a copied engine must never call a function that closes
 * over the original one: the engine's only such closure is the trace's lane
 * labeller, which only `TraceBuilder.finish` calls, and a debugger never
 * finishes a run. The walk is iterative: a long chain of objects cannot
 * overflow the stack.
 *
 * Why the copy is made the way it is (a step back costs one copy, so a
 * 10,000-thread state must copy in milliseconds; docs/performance.md,
 * "Debugger"): an instance is copied with an object spread and given its
 * prototype after, which keeps the original's fast property layout — adding
 * twenty properties one by one to `Object.create(proto)` turns the copy into
 * a slow dictionary object, costlier to make, to collect and to run the
 * replay on; arrays are copied whole by `slice` (same element kind, no
 * holes made) and only their object elements are replaced.
 */

type Typed = Uint8Array | Int32Array | Uint32Array | Float64Array | Int8Array | Int16Array | Uint16Array | Float32Array | Uint8ClampedArray;

/** Copies `root` and what it reaches; `sizes`, if given, learns how many objects the copy made. */
export function copyGraph<T extends object>(root: T, shared: (o: object) => boolean, sizes?: { objects: number }): T {
  const copies = new Map<object, object>();
  /** Originals whose copies still have references to the originals' objects, with those copies. */
  const originals: object[] = [];
  const pending: object[] = [];

  const copyOf = (v: object): object => {
    const known = copies.get(v);
    if (known !== undefined) return known;
    if (shared(v)) return v;
    let c: object;
    if (ArrayBuffer.isView(v)) {
      c = (v as Typed).slice();
      copies.set(v, c);
      return c;
    }
    if (Array.isArray(v)) c = v.slice();
    else if (v instanceof Map) c = new Map<unknown, unknown>();
    else if (v instanceof Set) c = new Set<unknown>();
    else c = Object.setPrototypeOf({ ...v }, Object.getPrototypeOf(v) as object | null) as object;
    copies.set(v, c);
    originals.push(v);
    pending.push(c);
    return c;
  };
  const copyValue = (x: unknown): unknown => (typeof x === 'object' && x !== null ? copyOf(x) : x);

  const top = copyOf(root) as T;
  while (originals.length > 0) {
    const from = originals.pop()!;
    const to = pending.pop()!;
    if (Array.isArray(from)) {
      const a = to as unknown[];
      for (let i = 0; i < from.length; i++) {
        const x: unknown = from[i];
        if (typeof x === 'object' && x !== null) a[i] = copyOf(x);
      }
    } else if (from instanceof Map) {
      const m = to as Map<unknown, unknown>;
      for (const [k, x] of from as Map<unknown, unknown>) m.set(copyValue(k), copyValue(x));
    } else if (from instanceof Set) {
      const s = to as Set<unknown>;
      for (const k of from as Set<unknown>) s.add(copyValue(k));
    } else {
      const src = from as Record<string, unknown>;
      const dst = to as Record<string, unknown>;
      // for…in reads a fast object's keys from its cached enumeration,
      // without the array Object.keys would allocate per object; the
      // simulator's classes have no enumerable inherited properties.
      for (const k in src) {
        const x = src[k];
        if (typeof x === 'object' && x !== null) dst[k] = copyOf(x);
      }
    }
  }
  if (sizes) sizes.objects = copies.size;
  return top;
}
