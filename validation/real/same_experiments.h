/* The experiments the C programs run alike whatever their thread library
 * (compute, io), written once. The including file defines, before including
 * it: thread_t, spawn_thread(fn, arg) and join_thread(t) for its library. */
#ifndef VALIDATION_REAL_SAME_EXPERIMENTS_H
#define VALIDATION_REAL_SAME_EXPERIMENTS_H

#include "common.h"

struct watching { int me, n; int64_t d; };
static void *run_watching(void *arg) {
  struct watching *w = arg;
  compute_ns_watching(w->d, w->me, w->n);
  return NULL;
}

/* N threads each computing D ms of their own CPU time: the makespan, and
 * how many times one saw another progress while it ran (parallel_windows). */
static int exp_compute(int argc, char **argv) {
  int n = (int)arg_or(argc, argv, 2, 4);
  int64_t d = arg_or(argc, argv, 3, 50) * MS;
  thread_t t[64];
  struct watching w[64];
  if (n < 1 || n > 64) return 2;
  int64_t t0 = wall_ns(), c0 = process_cpu_ns();
  for (int i = 0; i < n; i++) {
    w[i] = (struct watching){i, n, d};
    t[i] = spawn_thread(run_watching, &w[i]);
  }
  for (int i = 0; i < n; i++) join_thread(t[i]);
  printf("{\"makespan_ns\":%lld,\"cpu_ns\":%lld,\"parallel_windows\":%lld}\n", (long long)(wall_ns() - t0),
         (long long)(process_cpu_ns() - c0), (long long)par_hits);
  return 0;
}

/* A reader (compute 2 ms, then a 30 ms blocking call) beside 3 workers of
 * 10 ms each. Besides the makespan, the share of the call during which the
 * workers computed: CPU time, so what neighbours take does not count. */
static volatile int64_t io_progress[3];
static double io_overlap;
static void *io_reader(void *arg) {
  (void)arg;
  compute_ns(2 * MS);
  int64_t before = io_progress[0] + io_progress[1] + io_progress[2];
  kernel_block_ns(30 * MS);
  io_overlap = (double)(io_progress[0] + io_progress[1] + io_progress[2] - before) / (double)(30 * MS);
  return NULL;
}
static void *io_worker(void *arg) {
  compute_ns_into(10 * MS, arg);
  return NULL;
}
static int exp_io(void) {
  thread_t t[4];
  int64_t t0 = wall_ns();
  t[0] = spawn_thread(io_reader, NULL);
  for (int i = 1; i < 4; i++) t[i] = spawn_thread(io_worker, (void *)&io_progress[i - 1]);
  for (int i = 0; i < 4; i++) join_thread(t[i]);
  printf("{\"makespan_ns\":%lld,\"overlap\":%.3f}\n", (long long)(wall_ns() - t0), io_overlap);
  return 0;
}

#endif
