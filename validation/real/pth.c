/* Many-to-one: GNU Pth, every user thread on the process's one kernel thread,
 * switched by the library without preemption.
 *
 *   pth EXPERIMENT [ARGS]    prints one JSON object on one line
 *
 * Blocking calls are made straight to the kernel (common.h), as a read of a
 * slow device would be: Pth sees nothing and the whole process stops. The
 * `deadlock-cure` experiment uses pth_read instead, which Pth turns into a
 * non-blocking read plus a wait in its own scheduler. */
#include "common.h"

#include <pth.h>

static pth_t spawn(void *(*fn)(void *), void *arg) {
  pth_t t = pth_spawn(PTH_ATTR_DEFAULT, fn, arg);
  if (t == NULL) { fprintf(stderr, "pth_spawn failed\n"); exit(1); }
  return t;
}

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
  pth_t t[64];
  struct watching w[64];
  if (n < 1 || n > 64) return 2;
  int64_t t0 = wall_ns(), c0 = process_cpu_ns();
  for (int i = 0; i < n; i++) {
    w[i] = (struct watching){i, n, d};
    t[i] = spawn(run_watching, &w[i]);
  }
  for (int i = 0; i < n; i++) pth_join(t[i], NULL);
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
  pth_t t[4];
  int64_t t0 = wall_ns();
  t[0] = spawn(io_reader, NULL);
  for (int i = 1; i < 4; i++) t[i] = spawn(io_worker, (void *)&io_progress[i - 1]);
  for (int i = 0; i < 4; i++) pth_join(t[i], NULL);
  printf("{\"makespan_ns\":%lld,\"overlap\":%.3f}\n", (long long)(wall_ns() - t0), io_overlap);
  return 0;
}

/* The LWP-pool deadlock's shape with a pool of one: the first consumer's
 * read(2) blocks the only kernel thread, so the producer never runs. This
 * run never ends by itself; the driver stops it and reports the hang. With
 * `cure`, consumers use pth_read and wait in the library instead. */
static int pipe_fd[2];
static int use_pth_read;
static void *run_consumer(void *arg) {
  char c;
  (void)arg;
  ssize_t r = use_pth_read ? pth_read(pipe_fd[0], &c, 1) : read(pipe_fd[0], &c, 1);
  if (r != 1) exit(1);
  compute_ns(1 * MS);
  return NULL;
}
static void *run_producer(void *arg) {
  (void)arg;
  compute_ns(1 * MS);
  if (write(pipe_fd[1], "xx", 2) != 2) exit(1);
  return NULL;
}
static int exp_deadlock(int cure) {
  use_pth_read = cure;
  if (pipe(pipe_fd) != 0) return 1;
  pth_t t[3];
  int64_t t0 = wall_ns();
  t[0] = spawn(run_consumer, NULL);
  t[1] = spawn(run_consumer, NULL);
  t[2] = spawn(run_producer, NULL);
  for (int i = 0; i < 3; i++) pth_join(t[i], NULL);
  printf("{\"status\":\"completed\",\"makespan_ns\":%lld}\n", (long long)(wall_ns() - t0));
  return 0;
}

/* Two threads that do nothing but pth_yield to each other: a user-level switch. */
static int64_t yields;
static void *run_yielder(void *arg) {
  (void)arg;
  for (int64_t i = 0; i < yields; i++) pth_yield(NULL);
  return NULL;
}
static int exp_switch(int argc, char **argv) {
  yields = arg_or(argc, argv, 2, 20000);
  int64_t t0 = wall_ns(), c0 = process_cpu_ns();
  pth_t a = spawn(run_yielder, NULL), b = spawn(run_yielder, NULL);
  pth_join(a, NULL);
  pth_join(b, NULL);
  int64_t cpu = process_cpu_ns() - c0, wall = wall_ns() - t0;
  printf("{\"per_switch_ns\":%.1f,\"wall_per_switch_ns\":%.1f}\n", (double)cpu / (2.0 * (double)yields), (double)wall / (2.0 * (double)yields));
  return 0;
}

static void *run_nothing(void *arg) { return arg; }
static int exp_create(int argc, char **argv) {
  int64_t n = arg_or(argc, argv, 2, 20000);
  int64_t t0 = wall_ns(), c0 = process_cpu_ns();
  for (int64_t i = 0; i < n; i++) pth_join(spawn(run_nothing, NULL), NULL);
  int64_t cpu = process_cpu_ns() - c0, wall = wall_ns() - t0;
  printf("{\"per_op_ns\":%.1f,\"wall_per_op_ns\":%.1f}\n", (double)cpu / (double)n, (double)wall / (double)n);
  return 0;
}

int main(int argc, char **argv) {
  const char *e = argc > 1 ? argv[1] : "";
  if (!pth_init()) { fprintf(stderr, "pth_init failed\n"); return 1; }
  if (!strcmp(e, "compute")) return exp_compute(argc, argv);
  if (!strcmp(e, "io")) return exp_io();
  if (!strcmp(e, "deadlock")) return exp_deadlock(0);
  if (!strcmp(e, "deadlock-cure")) return exp_deadlock(1);
  if (!strcmp(e, "switch")) return exp_switch(argc, argv);
  if (!strcmp(e, "create")) return exp_create(argc, argv);
  fprintf(stderr, "usage: pth compute|io|deadlock|deadlock-cure|switch|create [ARGS]\n");
  return 2;
}
