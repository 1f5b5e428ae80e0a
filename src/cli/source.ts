/**
 * Reading a scenario file from disk under MAX_FILE_SIZE. The reported size is
 * only a hint: a device (`/dev/zero`), a FIFO or a file growing while it is
 * read reports 0 or less than it holds, so reading stops at the cap itself
 * and the file is then "more than" the cap (LWP3030), never read on without
 * bound.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { CODES } from '../core/diagnostics/codes';
import { MAX_FILE_SIZE } from '../core/limits';

export type SourceRead =
  | { readonly kind: 'text'; readonly text: string }
  /** `bytes` is the reported size of a regular file, or how far reading went (`exact` false). */
  | { readonly kind: 'tooLarge'; readonly bytes: number; readonly exact: boolean };

/**
 * The text of a source file, without the UTF-8 BOM editors hide (so that
 * columns on line 1 match theirs). Read as bytes and decoded in one step:
 * `readFileSync(f, 'utf8')` takes half as long again on a 5 MB file. Malformed
 * UTF-8 decodes to U+FFFD. Throws the file system's errors (ENOENT, EACCES,
 * EISDIR).
 */
export function readSourceBounded(file: string, cap: number = MAX_FILE_SIZE): SourceRead {
  // Non-blocking, so that opening a FIFO nobody writes to does not hang (it reads as empty); reads that would block wait below.
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = fstatSync(fd);
    if (st.isFile() && st.size > cap) return { kind: 'tooLarge', bytes: st.size, exact: true };
    // One byte past the cap tells "exactly the cap" from "over it".
    let buf = Buffer.allocUnsafe(Math.min(cap + 1, Math.max(st.isFile() ? st.size + 1 : 0, 64 * 1024)));
    let length = 0;
    for (;;) {
      if (length === buf.length) {
        if (length > cap) return { kind: 'tooLarge', bytes: length, exact: false };
        const grown = Buffer.allocUnsafe(Math.min(cap + 1, buf.length * 2));
        buf.copy(grown, 0, 0, length);
        buf = grown;
      }
      let n: number;
      try {
        n = readSync(fd, buf, length, buf.length - length, null);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
        // A FIFO whose writer has not written yet: wait a little, synchronously, as a blocking read would.
        Atomics.wait(PAUSE, 0, 0, 5);
        continue;
      }
      if (n === 0) break;
      length += n;
    }
    if (length > cap) return { kind: 'tooLarge', bytes: length, exact: false };
    const bom = length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
    return { kind: 'text', text: buf.toString('utf8', bom, length) };
  } finally {
    closeSync(fd);
  }
}

const PAUSE = new Int32Array(new SharedArrayBuffer(4));

const mib = (n: number): string => `${(n / 1048576).toFixed(1)} MiB`;

/** The LWP3030 message for a file read as too large, as `lwp check` prints it. */
export function tooLargeMessage(r: { readonly bytes: number; readonly exact: boolean }): string {
  const size = r.exact ? `${mib(r.bytes)} (${r.bytes.toLocaleString('en-US')} bytes)` : `more than ${mib(MAX_FILE_SIZE)} (reading stopped at ${r.bytes.toLocaleString('en-US')} bytes)`;
  return CODES.tooLarge.message(size, `${mib(MAX_FILE_SIZE)} (MAX_FILE_SIZE)`);
}
