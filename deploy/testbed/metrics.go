package main

import (
	"fmt"
	"net/http"
	"runtime"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
)

// metrics counts public requests by status code and pprof requests, in Prometheus text format.
type metrics struct {
	mu            sync.Mutex
	byCode        map[int]uint64
	pprofRequests atomic.Uint64
}

func newMetrics() *metrics { return &metrics{byCode: map[int]uint64{}} }

type statusRecorder struct {
	http.ResponseWriter
	code int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.code = code
	s.ResponseWriter.WriteHeader(code)
}

func (m *metrics) count(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &statusRecorder{ResponseWriter: w, code: http.StatusOK}
		next.ServeHTTP(rec, r)
		m.mu.Lock()
		m.byCode[rec.code]++
		m.mu.Unlock()
	})
}

// countPprof lets tests prove that a refused request never reached the pprof listener.
func (m *metrics) countPprof(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		m.pprofRequests.Add(1)
		next.ServeHTTP(w, r)
	})
}

func (m *metrics) serve(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	cpu := float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
	fmt.Fprintln(w, "# HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.")
	fmt.Fprintln(w, "# TYPE process_cpu_seconds_total counter")
	fmt.Fprintf(w, "process_cpu_seconds_total %s\n", strconv.FormatFloat(cpu, 'f', 6, 64))

	m.mu.Lock()
	codes := make([]int, 0, len(m.byCode))
	for c := range m.byCode {
		codes = append(codes, c)
	}
	sort.Ints(codes)
	fmt.Fprintln(w, "# HELP http_requests_total Public HTTP requests by status code.")
	fmt.Fprintln(w, "# TYPE http_requests_total counter")
	for _, c := range codes {
		fmt.Fprintf(w, "http_requests_total{code=\"%d\"} %d\n", c, m.byCode[c])
	}
	m.mu.Unlock()

	fmt.Fprintln(w, "# HELP go_goroutines Number of goroutines that currently exist.")
	fmt.Fprintln(w, "# TYPE go_goroutines gauge")
	fmt.Fprintf(w, "go_goroutines %d\n", runtime.NumGoroutine())
	fmt.Fprintln(w, "# HELP testbed_leaked_goroutines Goroutines parked by /admin/leak.")
	fmt.Fprintln(w, "# TYPE testbed_leaked_goroutines gauge")
	fmt.Fprintf(w, "testbed_leaked_goroutines %d\n", leakedCount())
	fmt.Fprintln(w, "# HELP testbed_pprof_requests_total Requests that reached the loopback pprof listener.")
	fmt.Fprintln(w, "# TYPE testbed_pprof_requests_total counter")
	fmt.Fprintf(w, "testbed_pprof_requests_total %d\n", m.pprofRequests.Load())
}
