/* One-to-one: POSIX threads (glibc NPTL), every thread its own kernel thread.
 *
 *   pthreads EXPERIMENT [ARGS]    prints one JSON object on one line
 *
 * The experiments are those of scripts/validate-real.mjs, which runs each under
 * `taskset` and matches it with a scenario of validation/real. */
#include "common.h"

#include <pthread.h>
#include <semaphore.h>
#include <sys/prctl.h>

typedef pthread_t thread_t;
static thread_t spawn_thread(void *(*fn)(void *), void *arg) {
  pthread_t t;
  pthread_create(&t, NULL, fn, arg);
  return t;
}
static void join_thread(thread_t t) { pthread_join(t, NULL); }
#include "same_experiments.h"

/* Two CPU hogs on one CPU: each notes when it finds that the other ran
 * last — the start of one of its slices — and closes the other's slice. A
 * slice is measured in the CPU time of the hog that had it, so a neighbour
 * process that runs in the middle of a slice does not lengthen it (the
 * kernel's fair scheduler, with autogroups, shares the CPU between sessions
 * first and then between the two hogs). The wall-clock median is printed too. */
#define MAX_SLICES 200000
static int64_t slices_cpu[MAX_SLICES], slices_wall[MAX_SLICES];
static int n_slices;
static volatile int last_hog = -1;
static volatile int64_t hog_cpu[2], hog_wall[2], slice_cpu0[2], slice_wall0[2];
struct hog { int id; int64_t cpu; };

static void *run_hog(void *arg) {
  struct hog *h = arg;
  int me = h->id, other = 1 - h->id;
  int64_t start = thread_cpu_ns(), t = start;
  while (t - start < h->cpu) {
    burn();
    t = thread_cpu_ns();
    int64_t w = wall_ns();
    if (last_hog != me) {
      if (last_hog == other && n_slices < MAX_SLICES) {
        slices_cpu[n_slices] = hog_cpu[other] - slice_cpu0[other];
        slices_wall[n_slices++] = w - slice_wall0[other];
      }
      slice_cpu0[me] = t;
      slice_wall0[me] = w;
      last_hog = me;
    }
    hog_cpu[me] = t;
    hog_wall[me] = w;
  }
  return NULL;
}

static int exp_slice(int argc, char **argv) {
  struct hog h[2] = {{0, arg_or(argc, argv, 2, 150) * MS}, {1, arg_or(argc, argv, 2, 150) * MS}};
  pthread_t t[2];
  int64_t t0 = wall_ns();
  for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, run_hog, &h[i]);
  for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
  int64_t makespan = wall_ns() - t0;
  int n = n_slices;
  printf("{\"makespan_ns\":%lld,\"slices\":%d,\"slice_ns\":%lld,\"slice_wall_ns\":%lld}\n", (long long)makespan, n,
         (long long)median_i64(slices_cpu, n), (long long)median_i64(slices_wall, n));
  return 0;
}

/* A thread that alternates 0.5 ms of compute with 2 ms blocked, 20 times
 * (50 ms if it never waits), beside a CPU hog on the same CPU: how soon does
 * it run when it wakes? Its finish time is measured twice: on the wall
 * clock, and as the ideal 50 ms plus only the hog's doing — the CPU time the
 * hog consumed while the waker was ready or running (all of the hog's CPU
 * time during the waker's life, less what it had while the waker slept, up
 * to the instant the sleep ended). The second leaves out the time other
 * processes of a shared machine took. */
static volatile int waker_done;
static volatile int64_t hog_now_cpu, wake_at = INT64_MAX, hog_cpu_at_wake;
static void *run_forever_hog(void *arg) {
  (void)arg;
  while (!waker_done) {
    burn();
    hog_now_cpu = thread_cpu_ns();
    if (wall_ns() >= wake_at) {
      hog_cpu_at_wake = hog_now_cpu;
      wake_at = INT64_MAX;
    }
  }
  return NULL;
}
static int64_t waker_finish, waker_finish_hog_only;
static void *run_waker(void *arg) {
  int64_t t0 = *(int64_t *)arg;
  prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0); /* a 2 ms sleep, not 2.05 ms */
  int64_t hog_start = hog_now_cpu, hog_while_asleep = 0;
  for (int i = 0; i < 20; i++) {
    compute_ns(500 * US);
    int64_t hog_at_sleep = hog_now_cpu;
    hog_cpu_at_wake = -1;
    wake_at = wall_ns() + 2 * MS;
    kernel_block_ns(2 * MS);
    wake_at = INT64_MAX;
    /* If the hog never ran after the sleep ended, it had all it got asleep. */
    hog_while_asleep += (hog_cpu_at_wake >= 0 ? hog_cpu_at_wake : hog_now_cpu) - hog_at_sleep;
  }
  waker_finish = wall_ns() - t0;
  waker_finish_hog_only = 20LL * 2500 * US + (hog_now_cpu - hog_start) - hog_while_asleep;
  waker_done = 1;
  return NULL;
}
static int exp_wake(void) {
  pthread_t hog, waker;
  hog_now_cpu = 0;
  int64_t t0 = wall_ns();
  pthread_create(&hog, NULL, run_forever_hog, NULL);
  pthread_create(&waker, NULL, run_waker, &t0);
  pthread_join(waker, NULL);
  pthread_join(hog, NULL);
  printf("{\"finish_ns\":%lld,\"finish_hog_only_ns\":%lld,\"ideal_ns\":%lld}\n", (long long)waker_finish,
         (long long)waker_finish_hog_only, 20LL * 2500 * US);
  return 0;
}

/* Ping-pong over two POSIX semaphores (futexes): N round trips. */
static sem_t sem_a, sem_b;
static int64_t rounds;
static void *run_ping(void *arg) {
  (void)arg;
  for (int64_t i = 0; i < rounds; i++) { sem_post(&sem_a); sem_wait(&sem_b); }
  return NULL;
}
static void *run_pong(void *arg) {
  (void)arg;
  for (int64_t i = 0; i < rounds; i++) { sem_wait(&sem_a); sem_post(&sem_b); }
  return NULL;
}
static int exp_pingpong(int argc, char **argv) {
  rounds = arg_or(argc, argv, 2, 20000);
  sem_init(&sem_a, 0, 0);
  sem_init(&sem_b, 0, 0);
  pthread_t a, b;
  int64_t t0 = wall_ns(), c0 = process_cpu_ns();
  pthread_create(&a, NULL, run_ping, NULL);
  pthread_create(&b, NULL, run_pong, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  int64_t wall = wall_ns() - t0, cpu = process_cpu_ns() - c0;
  printf("{\"handoff_ns\":%.1f,\"cpu_per_handoff_ns\":%.1f}\n", (double)wall / (2.0 * (double)rounds), (double)cpu / (2.0 * (double)rounds));
  return 0;
}

/* The LWP-pool deadlock's shape: two consumers block in read() on a pipe,
 * the producer computes 1 ms and writes two bytes. One-to-one: every thread
 * has its own kernel thread, so the producer runs and all finish. */
static int pipe_fd[2];
static void *run_consumer(void *arg) {
  char c;
  (void)arg;
  if (read(pipe_fd[0], &c, 1) != 1) exit(1);
  compute_ns(1 * MS);
  return NULL;
}
static void *run_producer(void *arg) {
  (void)arg;
  compute_ns(1 * MS);
  if (write(pipe_fd[1], "xx", 2) != 2) exit(1);
  return NULL;
}
static int exp_deadlock(void) {
  if (pipe(pipe_fd) != 0) return 1;
  pthread_t t[3];
  int64_t t0 = wall_ns();
  pthread_create(&t[0], NULL, run_consumer, NULL);
  pthread_create(&t[1], NULL, run_consumer, NULL);
  pthread_create(&t[2], NULL, run_producer, NULL);
  for (int i = 0; i < 3; i++) pthread_join(t[i], NULL);
  printf("{\"status\":\"completed\",\"makespan_ns\":%lld}\n", (long long)(wall_ns() - t0));
  return 0;
}

/* A system call that does nothing: getppid through syscall(2), so no libc cache. */
static int exp_syscall(int argc, char **argv) {
  int64_t n = arg_or(argc, argv, 2, 200000);
  int64_t t0 = wall_ns(), c0 = thread_cpu_ns();
  for (int64_t i = 0; i < n; i++) syscall(SYS_getppid);
  int64_t cpu = thread_cpu_ns() - c0, wall = wall_ns() - t0;
  printf("{\"per_call_ns\":%.1f,\"wall_per_call_ns\":%.1f}\n", (double)cpu / (double)n, (double)wall / (double)n);
  return 0;
}

static void *run_nothing(void *arg) { return arg; }
/* pthread_create of a thread that returns at once, then pthread_join. */
static int exp_create(int argc, char **argv) {
  int64_t n = arg_or(argc, argv, 2, 3000);
  int64_t t0 = wall_ns(), c0 = process_cpu_ns();
  for (int64_t i = 0; i < n; i++) {
    pthread_t t;
    if (pthread_create(&t, NULL, run_nothing, NULL) != 0) return 1;
    pthread_join(t, NULL);
  }
  int64_t cpu = process_cpu_ns() - c0, wall = wall_ns() - t0;
  printf("{\"per_op_ns\":%.1f,\"wall_per_op_ns\":%.1f}\n", (double)cpu / (double)n, (double)wall / (double)n);
  return 0;
}

int main(int argc, char **argv) {
  const char *e = argc > 1 ? argv[1] : "";
  if (!strcmp(e, "compute")) return exp_compute(argc, argv);
  if (!strcmp(e, "io")) return exp_io();
  if (!strcmp(e, "slice")) return exp_slice(argc, argv);
  if (!strcmp(e, "wake")) return exp_wake();
  if (!strcmp(e, "pingpong")) return exp_pingpong(argc, argv);
  if (!strcmp(e, "deadlock")) return exp_deadlock();
  if (!strcmp(e, "syscall")) return exp_syscall(argc, argv);
  if (!strcmp(e, "create")) return exp_create(argc, argv);
  fprintf(stderr, "usage: pthreads compute|io|slice|wake|pingpong|deadlock|syscall|create [ARGS]\n");
  return 2;
}
