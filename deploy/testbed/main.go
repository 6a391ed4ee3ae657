// Command testbed is a small payment service used to exercise debuggate against a real Go
// program under a real Delve. Standard library only. See README.md and PII.md.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math/rand"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"os/signal"
	"runtime"
	rpprof "runtime/pprof"
	"strconv"
	"syscall"
	"time"
)

// apiKey is a secret passed on the command line so /debug/pprof/cmdline shows it.
var apiKey string

func main() {
	addr := flag.String("addr", "127.0.0.1:8090", "public HTTP address (port 0 picks a free port)")
	pprofAddr := flag.String("pprof-addr", "127.0.0.1:6060", "loopback address for net/http/pprof (port 0 picks a free port)")
	flag.StringVar(&apiKey, "api-key", "", "payment provider API key (a secret; shows up in /debug/pprof/cmdline)")
	bulkMB := flag.Int("pprof-bulk-mb", 128, "size in MiB of /debug/pprof/testbed_bulk, deterministic bytes for streaming tests (0 = off)")
	flag.Parse()
	if *bulkMB < 0 || *bulkMB > 4096 {
		log.Fatalf("bad -pprof-bulk-mb=%d: give a size between 0 (off) and 4096 MiB", *bulkMB)
	}

	// Without these the block and mutex profiles stay empty (debug-protocols §6.2).
	runtime.SetMutexProfileFraction(1)
	runtime.SetBlockProfileRate(1)

	pprofHost, _, err := net.SplitHostPort(*pprofAddr)
	if err != nil {
		log.Fatalf("bad -pprof-addr %q: %v", *pprofAddr, err)
	}
	if ip := net.ParseIP(pprofHost); pprofHost != "localhost" && (ip == nil || !ip.IsLoopback()) {
		log.Fatalf("-pprof-addr %q is not a loopback address: pprof leaks memory contents, bind it to 127.0.0.1", *pprofAddr)
	}

	publicLn, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatalf("listen on -addr %q: %v", *addr, err)
	}
	pprofLn, err := net.Listen("tcp", *pprofAddr)
	if err != nil {
		log.Fatalf("listen on -pprof-addr %q: %v", *pprofAddr, err)
	}

	stopWorkers := make(chan struct{})
	startSettlementWorkers(stopWorkers)

	m := newMetrics()
	publicSrv := &http.Server{Handler: m.count(publicMux(m)), ReadHeaderTimeout: 5 * time.Second}
	// pprof blocks for ?seconds=N; it refuses N >= WriteTimeout, so allow two minutes.
	pprofSrv := &http.Server{Handler: m.countPprof(pprofMux(*bulkMB)), ReadHeaderTimeout: 5 * time.Second,
		WriteTimeout: 2 * time.Minute}
	go serve(publicSrv, publicLn)
	go serve(pprofSrv, pprofLn)

	ready, _ := json.Marshal(map[string]any{"ready": true, "pid": os.Getpid(),
		"addr": publicLn.Addr().String(), "pprofAddr": pprofLn.Addr().String()})
	fmt.Println(string(ready))

	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT)
	s := <-sig
	log.Printf("testbed: %v received, shutting down", s)
	close(stopWorkers)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = publicSrv.Shutdown(ctx)
	_ = pprofSrv.Shutdown(ctx)
}

func serve(srv *http.Server, ln net.Listener) {
	if err := srv.Serve(ln); err != nil && err != http.ErrServerClosed {
		log.Fatalf("serve %s: %v", ln.Addr(), err)
	}
}

// pprofMux serves net/http/pprof on its own mux: the public listener never exposes it.
func pprofMux(bulkMB int) *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	if bulkMB > 0 {
		mux.HandleFunc("/debug/pprof/testbed_bulk", bulkHandler(bulkMB))
	}
	return mux
}

func publicMux(m *metrics) *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("/pay", payHandler)
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("/metrics", m.serve)
	registerAdmin(mux)
	return mux
}

// payHandler charges a customer: GET or POST /pay?customer=1&amount=1250 (cents).
func payHandler(w http.ResponseWriter, r *http.Request) {
	if failNow() {
		http.Error(w, "payment backend unavailable (injected failure)", http.StatusInternalServerError)
		return
	}
	id, err := strconv.Atoi(r.URL.Query().Get("customer"))
	if err != nil {
		id = 1 + rand.Intn(len(customers))
	}
	c := customerByID(id)
	if c == nil {
		http.Error(w, fmt.Sprintf("no customer %d; use 1..%d", id, len(customers)), http.StatusNotFound)
		return
	}
	amount, err := strconv.ParseInt(r.URL.Query().Get("amount"), 10, 64)
	if err != nil {
		amount = 1250
	}
	var receipt string
	// The label puts the customer's e-mail into CPU profile samples taken during the payment.
	rpprof.Do(r.Context(), rpprof.Labels("customer_email", c.Email), func(context.Context) {
		receipt, err = handle(c, amount)
	})
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	// The response names the customer by id only: the service itself does not leak PII.
	json.NewEncoder(w).Encode(map[string]any{"receipt": receipt, "customer": c.ID, "amountCents": amount})
}
