// Command oracle runs Kubernetes' own code (v1.31) on manifests and prints its verdicts as JSON,
// so that satlint's reading of the same input can be compared with it. It reimplements nothing:
// every verdict comes from a call into k8s.io/kubernetes or its staging modules.
//
//	oracle bootstrap              the bootstrap RBAC policy as a v1.31 API server creates it, after aggregation
//	oracle run < cases.jsonl      one verdict line per case line (see case.go)
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"k8s.io/klog/v2"
)

func main() {
	klog.SetOutput(io.Discard)
	klog.LogToStderr(false)
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: oracle bootstrap | oracle run < cases.jsonl > verdicts.jsonl")
		os.Exit(2)
	}
	switch os.Args[1] {
	case "bootstrap":
		policy, err := bootstrapPolicy()
		if err != nil {
			fmt.Fprintln(os.Stderr, "oracle bootstrap:", err)
			os.Exit(1)
		}
		enc := json.NewEncoder(os.Stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", " ")
		if err := enc.Encode(policy); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	case "run":
		if err := runCases(os.Stdin, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "oracle run:", err)
			os.Exit(1)
		}
	default:
		fmt.Fprintln(os.Stderr, "unknown command", os.Args[1])
		os.Exit(2)
	}
}

func runCases(in io.Reader, out io.Writer) error {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 1<<30)
	w := bufio.NewWriter(out)
	defer w.Flush()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	base, err := newBootstrapWorld()
	if err != nil {
		return err
	}
	n := 0
	for sc.Scan() {
		var c Case
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			return fmt.Errorf("case line: %w", err)
		}
		v := runCase(&c, base)
		n++
		if n%500 == 0 {
			fmt.Fprintf(os.Stderr, "oracle: %d cases\n", n)
		}
		if err := enc.Encode(v); err != nil {
			return err
		}
		w.Flush()
	}
	return sc.Err()
}
