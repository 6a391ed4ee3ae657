package main

import (
	"net/http"
	"strconv"
)

// bulkHandler serves mb MiB of deterministic bytes (the same 1 MiB block, repeated) on the
// loopback pprof listener, so tests and benchmarks can push a large "profile" through the
// gateway and compare sha256 on both ends. Written block by block: it costs the test bed 1 MiB.
func bulkHandler(mb int) http.HandlerFunc {
	block := make([]byte, 1<<20)
	x := uint64(0x9E3779B97F4A7C15) // xorshift64: deterministic, not compressible
	for i := range block {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		block[i] = byte(x)
	}
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Header().Set("Content-Disposition", `attachment; filename="testbed_bulk"`)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Content-Length", strconv.FormatInt(int64(mb)<<20, 10))
		for i := 0; i < mb; i++ {
			if _, err := w.Write(block); err != nil {
				return
			}
		}
	}
}
