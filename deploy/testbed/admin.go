package main

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Fault switches under /admin/ on the public listener. Each answers the switch state as JSON.
func registerAdmin(mux *http.ServeMux) {
	mux.HandleFunc("/admin/cpu", cpuSwitch)
	mux.HandleFunc("/admin/errors", errorsSwitch)
	mux.HandleFunc("/admin/leak", leakSwitch)
	mux.HandleFunc("/admin/contend", contendSwitch)
	mux.HandleFunc("/admin/state", func(w http.ResponseWriter, _ *http.Request) { writeState(w) })
}

var (
	stateMu     sync.Mutex
	errorRate   float64       // share of /pay requests answered with 500
	cpuPercent  int           // percent of ONE core, may exceed 100 (spread over several workers)
	cpuStop     chan struct{} // closed to end the current burn
	cpuUntil    time.Time     // zero = until switched off
	leakRelease chan struct{} // closed to release leaked goroutines
	leaked      int
	contendStop chan struct{}
)

func writeState(w http.ResponseWriter) {
	stateMu.Lock()
	s := map[string]any{"errorRate": errorRate, "cpuPercent": cpuPercent, "leaked": leaked,
		"contending": contendStop != nil}
	if !cpuUntil.IsZero() {
		s["cpuUntil"] = cpuUntil.Format(time.RFC3339)
	}
	stateMu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(s)
}

func badParam(w http.ResponseWriter, name, value, fix string) {
	http.Error(w, fmt.Sprintf("bad %s=%q: %s", name, value, fix), http.StatusBadRequest)
}

func failNow() bool {
	stateMu.Lock()
	rate := errorRate
	stateMu.Unlock()
	return rate > 0 && rand.Float64() < rate
}

// /admin/errors?rate=0.2 answers 20 % of /pay requests with 500; rate=0 switches it off.
func errorsSwitch(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query().Get("rate")
	rate, err := strconv.ParseFloat(v, 64)
	if err != nil || rate < 0 || rate > 1 || math.IsNaN(rate) {
		badParam(w, "rate", v, "give a share between 0 and 1, e.g. rate=0.2")
		return
	}
	stateMu.Lock()
	errorRate = rate
	stateMu.Unlock()
	writeState(w)
}

// /admin/cpu?percent=90&seconds=30 burns 90 % of one core for 30 s; percent=250 uses three
// workers. on=1 (with percent, default 90) burns until on=0 or percent=0.
func cpuSwitch(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	percent := 90
	if v := q.Get("percent"); v != "" {
		p, err := strconv.Atoi(v)
		if err != nil || p < 0 || p > 1600 {
			badParam(w, "percent", v, "give a percentage of one core between 0 and 1600")
			return
		}
		percent = p
	}
	if q.Get("on") == "0" {
		percent = 0
	}
	var seconds int
	if v := q.Get("seconds"); v != "" {
		s, err := strconv.Atoi(v)
		if err != nil || s <= 0 || s > 3600 {
			badParam(w, "seconds", v, "give a duration between 1 and 3600 seconds, or on=1 for no limit")
			return
		}
		seconds = s
	} else if q.Get("on") != "1" && percent > 0 {
		seconds = 30
	}
	stateMu.Lock()
	if cpuStop != nil {
		close(cpuStop)
		cpuStop = nil
	}
	cpuPercent, cpuUntil = percent, time.Time{}
	if percent > 0 {
		cpuStop = make(chan struct{})
		if seconds > 0 {
			cpuUntil = time.Now().Add(time.Duration(seconds) * time.Second)
		}
		startBurn(percent, cpuUntil, cpuStop)
	}
	stateMu.Unlock()
	writeState(w)
}

func startBurn(percent int, until time.Time, stop chan struct{}) {
	workers := (percent + 99) / 100
	duty := float64(percent) / float64(workers) / 100
	for i := 0; i < workers; i++ {
		go burn(duty, until, stop)
	}
	if !until.IsZero() {
		go func() {
			select {
			case <-stop:
			case <-time.After(time.Until(until)):
				stateMu.Lock()
				if cpuStop == stop {
					close(cpuStop)
					cpuStop, cpuPercent, cpuUntil = nil, 0, time.Time{}
				}
				stateMu.Unlock()
			}
		}()
	}
}

// burn spins for duty*10ms of every 10ms slice.
func burn(duty float64, until time.Time, stop chan struct{}) {
	const slice = 10 * time.Millisecond
	busy := time.Duration(duty * float64(slice))
	x := 1.0
	for {
		select {
		case <-stop:
			return
		default:
		}
		start := time.Now()
		for time.Since(start) < busy {
			x = math.Sqrt(x + 1.5)
		}
		time.Sleep(slice - busy)
		if !until.IsZero() && time.Now().After(until) {
			return
		}
	}
}

// /admin/leak?n=100 parks n goroutines: half block on a channel receive, half in a select.
// /admin/leak?release=1 lets them all go.
func leakSwitch(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	stateMu.Lock()
	if leakRelease == nil {
		leakRelease = make(chan struct{})
	}
	if q.Get("release") == "1" {
		close(leakRelease)
		leakRelease, leaked = nil, 0
		stateMu.Unlock()
		writeState(w)
		return
	}
	v := q.Get("n")
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 || n > 100000 {
		stateMu.Unlock()
		badParam(w, "n", v, "give a count between 1 and 100000, or release=1")
		return
	}
	release := leakRelease
	for i := 0; i < n; i++ {
		if i%2 == 0 {
			go leakOnChannel(release)
		} else {
			go leakInSelect(release)
		}
	}
	leaked += n
	stateMu.Unlock()
	writeState(w)
}

func leakedCount() int {
	stateMu.Lock()
	defer stateMu.Unlock()
	return leaked
}

// leakOnChannel waits for a reply nobody sends: the classic leaked request goroutine.
func leakOnChannel(release chan struct{}) {
	<-release
}

// leakInSelect waits on two channels nobody writes to.
func leakInSelect(release chan struct{}) {
	never := make(chan int)
	select {
	case <-never:
	case <-release:
	}
}

// /admin/contend?on=1 starts four goroutines fighting over one mutex; on=0 stops them.
func contendSwitch(w http.ResponseWriter, r *http.Request) {
	on := r.URL.Query().Get("on")
	if on != "0" && on != "1" {
		badParam(w, "on", on, "give on=1 to start or on=0 to stop")
		return
	}
	stateMu.Lock()
	if on == "1" && contendStop == nil {
		contendStop = make(chan struct{})
		var ledger sync.Mutex
		for i := 0; i < 4; i++ {
			go contend(&ledger, contendStop)
		}
	}
	if on == "0" && contendStop != nil {
		close(contendStop)
		contendStop = nil
	}
	stateMu.Unlock()
	writeState(w)
}

func contend(ledger *sync.Mutex, stop chan struct{}) {
	for {
		select {
		case <-stop:
			return
		default:
		}
		ledger.Lock()
		time.Sleep(time.Millisecond)
		ledger.Unlock()
	}
}
