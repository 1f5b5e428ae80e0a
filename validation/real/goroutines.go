// Many-to-many: Go goroutines on the runtime's threads. GOMAXPROCS — by
// default the CPUs the process may use, so `taskset` sets it — is the number
// of threads that may run Go code at once: the LWPs of the pool. A thread
// blocked in a system call keeps its slot (its P) until the runtime's monitor
// (sysmon) notices and hands the slot to another thread.
//
//	goroutines EXPERIMENT [ARGS]    prints one JSON object on one line
package main

import (
	"fmt"
	"os"
	"runtime"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
	"unsafe"
)

const ms = int64(time.Millisecond)
const us = int64(time.Microsecond)

var start = time.Now()

func wallNs() int64 { return int64(time.Since(start)) }

// threadCPUNs is CLOCK_THREAD_CPUTIME_ID of the thread the goroutine is on now.
func threadCPUNs() int64 {
	var ts syscall.Timespec
	syscall.RawSyscall(syscall.SYS_CLOCK_GETTIME, 3, uintptr(unsafe.Pointer(&ts)), 0)
	return ts.Nano()
}

func processCPUNs() int64 {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Utime.Nano() + ru.Stime.Nano()
}

var sink uint64

func burn() {
	x := uint64(0)
	for i := uint64(0); i < 2000; i++ {
		x += i
	}
	atomic.AddUint64(&sink, x)
}

// compute spins until the goroutine has had d ns of CPU. It reads the CPU
// clock of whichever thread it is on; a step over 1 ms (or backwards) means it
// moved to another thread or another goroutine ran in between, and is not
// counted.
func compute(d int64) { computeInto(d, nil) }

// computeInto is compute that also publishes the CPU time done so far.
func computeInto(d int64, progress *int64) {
	done, prev := int64(0), threadCPUNs()
	for done < d {
		burn()
		t := threadCPUNs()
		if step := t - prev; step >= 0 && step < ms {
			done += step
		}
		prev = t
		if progress != nil {
			atomic.StoreInt64(progress, done)
		}
	}
}

// kernelBlock is a blocking system call of d ns made through syscall.Syscall,
// which tells the runtime the thread is in the kernel (as a read of a file
// does) — unlike time.Sleep, which parks only the goroutine.
func kernelBlock(d int64) {
	ts := syscall.NsecToTimespec(d)
	syscall.Syscall(syscall.SYS_NANOSLEEP, uintptr(unsafe.Pointer(&ts)), 0, 0)
}

func arg(i int, dflt int64) int64 {
	if len(os.Args) > i {
		if v, err := strconv.ParseInt(os.Args[i], 10, 64); err == nil {
			return v
		}
	}
	return dflt
}

func median(v []int64) int64 {
	if len(v) == 0 {
		return -1
	}
	sort.Slice(v, func(i, j int) bool { return v[i] < v[j] })
	if len(v)%2 == 1 {
		return v[len(v)/2]
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2
}

// expCompute: n goroutines each computing d ms of CPU time; the makespan, and
// how many times one saw another progress while it ran without a break
// (parallel_windows, as common.h counts them for C).
func expCompute() {
	n, d := int(arg(2, 4)), arg(3, 50)*ms
	progress := make([]int64, n)
	var hits int64
	others := func(me int) int64 {
		sum := int64(0)
		for i := range progress {
			if i != me {
				sum += atomic.LoadInt64(&progress[i])
			}
		}
		return sum
	}
	var wg sync.WaitGroup
	t0, c0 := wallNs(), processCPUNs()
	for i := 0; i < n; i++ {
		wg.Add(1)
		me := i
		go func() {
			defer wg.Done()
			done, prev, prevWall, seen := int64(0), threadCPUNs(), wallNs(), others(me)
			for done < d {
				burn()
				t, w := threadCPUNs(), wallNs()
				step := t - prev
				if step >= 0 && step < ms {
					done += step
				}
				atomic.StoreInt64(&progress[me], done)
				now := others(me)
				if w-prevWall <= step+2*us && now != seen {
					atomic.AddInt64(&hits, 1)
				}
				seen, prev, prevWall = now, t, w
			}
		}()
	}
	wg.Wait()
	fmt.Printf("{\"makespan_ns\":%d,\"cpu_ns\":%d,\"parallel_windows\":%d,\"gomaxprocs\":%d}\n", wallNs()-t0, processCPUNs()-c0, atomic.LoadInt64(&hits), runtime.GOMAXPROCS(0))
}

// expIO: a reader (compute 2 ms, then a 30 ms blocking call) beside 3
// workers of 10 ms; the makespan, and the share of the call during which the
// workers computed (CPU time, so what neighbours take does not count).
func expIO() {
	var wg sync.WaitGroup
	var progress [3]int64
	sum := func() int64 {
		return atomic.LoadInt64(&progress[0]) + atomic.LoadInt64(&progress[1]) + atomic.LoadInt64(&progress[2])
	}
	var overlap float64
	t0 := wallNs()
	wg.Add(4)
	go func() {
		defer wg.Done()
		compute(2 * ms)
		before := sum()
		kernelBlock(30 * ms)
		overlap = float64(sum()-before) / float64(30*ms)
	}()
	for i := 0; i < 3; i++ {
		p := &progress[i]
		go func() { defer wg.Done(); computeInto(10*ms, p) }()
	}
	wg.Wait()
	fmt.Printf("{\"makespan_ns\":%d,\"overlap\":%.3f}\n", wallNs()-t0, overlap)
}

// expPingPong: two goroutines hand a token back and forth over unbuffered
// channels, n round trips.
func expPingPong() {
	n := int(arg(2, 200000))
	a, b := make(chan struct{}), make(chan struct{})
	done := make(chan struct{})
	t0, c0 := wallNs(), processCPUNs()
	go func() {
		for i := 0; i < n; i++ {
			<-a
			b <- struct{}{}
		}
		close(done)
	}()
	for i := 0; i < n; i++ {
		a <- struct{}{}
		<-b
	}
	<-done
	wall, cpu := wallNs()-t0, processCPUNs()-c0
	fmt.Printf("{\"handoff_ns\":%.1f,\"cpu_per_handoff_ns\":%.1f}\n", float64(wall)/float64(2*n), float64(cpu)/float64(2*n))
}

// expGosched: two goroutines that only call runtime.Gosched; with one P every
// call switches to the other.
func expGosched() {
	n := int(arg(2, 200000))
	var wg sync.WaitGroup
	t0, c0 := wallNs(), processCPUNs()
	wg.Add(2)
	for g := 0; g < 2; g++ {
		go func() {
			defer wg.Done()
			for i := 0; i < n; i++ {
				runtime.Gosched()
			}
		}()
	}
	wg.Wait()
	wall, cpu := wallNs()-t0, processCPUNs()-c0
	fmt.Printf("{\"per_switch_ns\":%.1f,\"wall_per_switch_ns\":%.1f}\n", float64(cpu)/float64(2*n), float64(wall)/float64(2*n))
}

// expSpawn: start a goroutine that returns at once and wait for it.
func expSpawn() {
	n := int(arg(2, 200000))
	var wg sync.WaitGroup
	t0, c0 := wallNs(), processCPUNs()
	for i := 0; i < n; i++ {
		wg.Add(1)
		go wg.Done()
		wg.Wait()
	}
	wall, cpu := wallNs()-t0, processCPUNs()-c0
	fmt.Printf("{\"per_op_ns\":%.1f,\"wall_per_op_ns\":%.1f}\n", float64(cpu)/float64(n), float64(wall)/float64(n))
}

// expDeadlock: the LWP-pool deadlock's shape — two consumers block in
// read(2) on a pipe, a producer writes — with GOMAXPROCS slots. Go cannot
// show the deadlock: a blocked thread's slot is handed to another thread,
// and threads are made as needed (up to debug.SetMaxThreads, 10,000).
func expDeadlock() {
	var p [2]int
	if err := syscall.Pipe(p[:]); err != nil {
		panic(err)
	}
	var wg sync.WaitGroup
	t0 := wallNs()
	wg.Add(3)
	for i := 0; i < 2; i++ {
		go func() {
			defer wg.Done()
			buf := make([]byte, 1)
			if n, err := syscall.Read(p[0], buf); n != 1 || err != nil {
				panic(err)
			}
			compute(1 * ms)
		}()
	}
	go func() {
		defer wg.Done()
		compute(1 * ms)
		if _, err := syscall.Write(p[1], []byte("xx")); err != nil {
			panic(err)
		}
	}()
	wg.Wait()
	fmt.Printf("{\"status\":\"completed\",\"makespan_ns\":%d}\n", wallNs()-t0)
}

// expHandoff: does a goroutine that is ready get the slot of one blocked in
// a system call of d ns, and after how long? One P (taskset to one CPU).
// Before each call the caller computes `quiet` ns alone, as a program does
// between calls; the monitor's period has grown by then (20 us doubling to
// 10 ms while it finds nothing to do).
func expHandoff() {
	d, trials, quiet := arg(2, 5000)*us, int(arg(3, 20)), arg(4, 10)*ms
	var delays, calls []int64
	handed := 0
	for i := 0; i < trials; i++ {
		compute(quiet)
		var started int64
		done := make(chan struct{})
		t0 := wallNs() // before the go statement: the caller may be preempted between the two
		go func() { atomic.StoreInt64(&started, wallNs()); close(done) }()
		kernelBlock(d)
		t1 := wallNs()
		<-done
		calls = append(calls, t1-t0)
		if s := atomic.LoadInt64(&started); s < t1 {
			handed++
			delays = append(delays, s-t0)
		}
	}
	sort.Slice(delays, func(i, j int) bool { return delays[i] < delays[j] })
	lo, hi := int64(-1), int64(-1)
	if len(delays) > 0 {
		lo, hi = delays[0], delays[len(delays)-1]
	}
	fmt.Printf("{\"handoff_fraction\":%.3f,\"delay_ns\":%d,\"delay_min_ns\":%d,\"delay_max_ns\":%d,\"call_ns\":%d,\"gomaxprocs\":%d}\n",
		float64(handed)/float64(trials), median(delays), lo, hi, median(calls), runtime.GOMAXPROCS(0))
}

func main() {
	e := ""
	if len(os.Args) > 1 {
		e = os.Args[1]
	}
	switch e {
	case "compute":
		expCompute()
	case "io":
		expIO()
	case "pingpong":
		expPingPong()
	case "gosched":
		expGosched()
	case "spawn":
		expSpawn()
	case "deadlock":
		expDeadlock()
	case "handoff":
		expHandoff()
	default:
		fmt.Fprintln(os.Stderr, "usage: goroutines compute|io|pingpong|gosched|spawn|deadlock|handoff [ARGS]")
		os.Exit(2)
	}
}
