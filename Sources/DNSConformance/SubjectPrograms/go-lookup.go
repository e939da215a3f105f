// Conformance helper: Go's own DNS stub resolver (net.Resolver with PreferGo; the runner also
// sets GODEBUG=netdns=go and builds with CGO_ENABLED=0, so the C library is never involved).
//
// Usage: go-lookup host|cname NAME
//
//	host   LookupHost: prints each address.
//	cname  LookupCNAME: prints `CNAME <canonical name>`, then the addresses LookupIPAddr
//	       returns for that canonical name, so the verdict judges what a program that looks up
//	       the canonical name first ends up connecting to.
//
// Prints `ERROR <error>` when a lookup fails; exits 0 either way.
package main

import (
	"context"
	"fmt"
	"net"
	"os"
)

func main() {
	if len(os.Args) != 3 || (os.Args[1] != "host" && os.Args[1] != "cname") {
		fmt.Fprintln(os.Stderr, "usage: go-lookup host|cname NAME")
		os.Exit(64)
	}
	resolver := &net.Resolver{PreferGo: true}
	ctx := context.Background()
	name := os.Args[2]
	if os.Args[1] == "cname" {
		canonical, err := resolver.LookupCNAME(ctx, name)
		if err != nil {
			fmt.Printf("ERROR %v\n", err)
			return
		}
		fmt.Printf("CNAME %s\n", canonical)
		addresses, err := resolver.LookupIPAddr(ctx, canonical)
		if err != nil {
			fmt.Printf("ERROR %v\n", err)
			return
		}
		for _, address := range addresses {
			fmt.Println(address.IP.String())
		}
		return
	}
	addresses, err := resolver.LookupHost(ctx, name)
	if err != nil {
		fmt.Printf("ERROR %v\n", err)
		return
	}
	for _, address := range addresses {
		fmt.Println(address)
	}
}
