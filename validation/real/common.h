/* What the C programs of validation/real share: clocks, a unit of compute
 * measured in the calling thread's own CPU time, a blocking system call that
 * no thread library can see, and the one-line JSON each run prints.
 *
 * Compute is CPU time, not wall time or a loop count: the machine is shared,
 * and a thread preempted by a neighbour must still do the same work. */
#ifndef VALIDATION_REAL_COMMON_H
#define VALIDATION_REAL_COMMON_H

#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static inline int64_t clock_ns(clockid_t clock) {
  struct timespec ts;
  clock_gettime(clock, &ts);
  return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}
static inline int64_t wall_ns(void) { return clock_ns(CLOCK_MONOTONIC); }
static inline int64_t thread_cpu_ns(void) { return clock_ns(CLOCK_THREAD_CPUTIME_ID); }
static inline int64_t process_cpu_ns(void) { return clock_ns(CLOCK_PROCESS_CPUTIME_ID); }

/* A few microseconds of arithmetic the compiler cannot remove. */
static inline void burn(void) {
  volatile uint64_t x = 0;
  for (int i = 0; i < 2000; i++) x += (uint64_t)i;
}

/* `compute D`: spin until this kernel thread has run D ns in user mode,
 * publishing the CPU time done so far in *progress when it is not NULL (so
 * another thread can see how much this one got while it waited).
 * A step over 1 ms is not counted: a kernel thread's clock never jumps while
 * it spins, so such a step can only be another user thread's time on the
 * same kernel thread (the C programs never see one; kept so the rule is the
 * same as the Go program's). */
static inline void compute_ns_into(int64_t d, volatile int64_t *progress) {
  int64_t done = 0, prev = thread_cpu_ns();
  while (done < d) {
    burn();
    int64_t t = thread_cpu_ns(), step = t - prev;
    if (step >= 0 && step < 1000000) done += step;
    prev = t;
    if (progress) *progress = done;
  }
}
static inline void compute_ns(int64_t d) { compute_ns_into(d, NULL); }

/* `compute D` for worker `me` of `n`, which also notes whether another
 * worker made progress while this one ran without a break: two threads
 * computing at the same instant, which one CPU or one kernel thread never
 * allows. A window counts only if its wall time is its CPU time within 2 us
 * (nothing else ran on this thread's CPU meanwhile). */
static volatile int64_t par_progress[64];
static int64_t par_hits;
static inline int64_t others_progress(int me, int n) {
  int64_t sum = 0;
  for (int i = 0; i < n; i++)
    if (i != me) sum += par_progress[i];
  return sum;
}
static inline void compute_ns_watching(int64_t d, int me, int n) {
  int64_t done = 0, prev = thread_cpu_ns(), prev_wall = wall_ns(), others = others_progress(me, n);
  while (done < d) {
    burn();
    int64_t t = thread_cpu_ns(), w = wall_ns(), step = t - prev;
    if (step >= 0 && step < 1000000) done += step;
    par_progress[me] = done;
    int64_t now_others = others_progress(me, n);
    if (w - prev_wall <= step + 2000 && now_others != others) __atomic_fetch_add(&par_hits, 1, __ATOMIC_RELAXED);
    others = now_others;
    prev = t;
    prev_wall = w;
  }
}

/* `io D`: a blocking system call of D ns made straight to the kernel, so that
 * a user-level library (GNU Pth) cannot turn it into a non-blocking one —
 * what a read of a slow device does. nanosleep rather than a pipe fed by a
 * timer thread: it needs no second kernel thread (which an N:1 process does
 * not have), and its length is the same in C and in Go. */
static inline void kernel_block_ns(int64_t d) {
  struct timespec ts = {d / 1000000000LL, d % 1000000000LL};
  syscall(SYS_nanosleep, &ts, NULL);
}

static inline int64_t arg_or(int argc, char **argv, int i, int64_t dflt) {
  return argc > i ? atoll(argv[i]) : dflt;
}

static int cmp_i64(const void *a, const void *b) {
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return (x > y) - (x < y);
}
static inline int64_t median_i64(int64_t *v, int n) {
  if (n == 0) return -1;
  qsort(v, (size_t)n, sizeof *v, cmp_i64);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

#define MS 1000000LL
#define US 1000LL

#endif
