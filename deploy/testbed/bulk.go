package main

import (
	"net/http"
	"strconv"
)

// bulkHandler serves mb MiB of deterministic bytes (the same 1 MiB block, repeated) on the
// loopback pprof listener, so tests and benchmarks can push a large "profile" through the
// gateway and compare sha256 on both ends. Written block by block: it costs the test bed 8 MiB.
// The block is 8 MiB (the 1 MiB pattern eight times) so that the heap profile, which samples
// about one allocation per 512 KiB, surely shows main.bulkHandler: a 1 MiB allocation was missed
// in about one start in seven, and tests read this function in the heap profile.
func bulkHandler(mb int) http.HandlerFunc {
	const patternBytes = 1 << 20
	block := make([]byte, 8*patternBytes)
	x := uint64(0x9E3779B97F4A7C15) // xorshift64: deterministic, not compressible
	for i := 0; i < patternBytes; i++ {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		block[i] = byte(x)
	}
	for i := patternBytes; i < len(block); i += patternBytes {
		copy(block[i:], block[:patternBytes])
	}
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Header().Set("Content-Disposition", `attachment; filename="testbed_bulk"`)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Content-Length", strconv.FormatInt(int64(mb)<<20, 10))
		for left := int64(mb) << 20; left > 0; {
			n := int64(len(block))
			if left < n {
				n = left
			}
			if _, err := w.Write(block[:n]); err != nil {
				return
			}
			left -= n
		}
	}
}
