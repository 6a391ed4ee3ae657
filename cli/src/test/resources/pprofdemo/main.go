// pprofdemo: a tiny Go service for dgate's tests. It serves net/http/pprof on a loopback port,
// keeps some heap and goroutines alive so the profiles have content, and prints
// "listening on 127.0.0.1:PORT" once it accepts connections.
package main

import (
	"fmt"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"time"
)

var retained [][]byte

func leak() {
	for i := 0; i < 64; i++ {
		retained = append(retained, make([]byte, 64*1024))
	}
}

func park(ch chan struct{}) {
	<-ch
}

func main() {
	leak()
	block := make(chan struct{})
	for i := 0; i < 10; i++ {
		go park(block)
	}
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, "listen:", err)
		os.Exit(1)
	}
	fmt.Printf("listening on %s\n", listener.Addr())
	server := &http.Server{ReadHeaderTimeout: 10 * time.Second}
	if err := server.Serve(listener); err != nil {
		fmt.Fprintln(os.Stderr, "serve:", err)
		os.Exit(1)
	}
}
