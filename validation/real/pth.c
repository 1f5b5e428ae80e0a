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

typedef pth_t thread_t;
static thread_t spawn_thread(void *(*fn)(void *), void *arg) { return spawn(fn, arg); }
static void join_thread(thread_t t) { pth_join(t, NULL); }
#include "same_experiments.h"

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
