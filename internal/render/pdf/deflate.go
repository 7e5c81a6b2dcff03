package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
)

// fpdf makes a new zlib writer (about a megabyte of tables, zeroed) for
// every stream it compresses, which made page compression the largest
// single cost of a build. So fpdf writes page contents uncompressed and
// deflateStreams compresses them afterwards with pooled writers, then
// writes a new cross-reference table for the moved objects.

var zlibPool = sync.Pool{New: func() any {
	w, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed)
	return w
}}

// plainStreamRe matches the start of an object whose only entry is the
// length of an unfiltered stream: how fpdf writes uncompressed page
// contents and ToUnicode maps.
var plainStreamRe = regexp.MustCompile(`^(\d+) 0 obj\n<</Length (\d+)>>\nstream\n`)

var xrefTailRe = regexp.MustCompile(`\nxref\n0 (\d+)\n`)

// deflateStreams returns src with every unfiltered stream compressed and
// fix applied to every object without a stream (the small dictionaries:
// pages, fonts), then a new cross-reference table and startxref. It
// fails, rather than guess, on a file not laid out as fpdf writes it.
func deflateStreams(src []byte, fix func([]byte) []byte) ([]byte, error) {
	return rewrite(src, func(obj []byte, _ int) []byte { return fix(obj) }, nil)
}

var (
	headerRe = regexp.MustCompile(`%PDF-1\.\d`)
	sizeRe   = regexp.MustCompile(`/Size \d+`)
)

// rewrite is deflateStreams that also appends objects: fix learns the
// number the first of them will have, extra makes them (numbered from
// there on, after every fix), and the file is declared PDF 1.7.
func rewrite(src []byte, fix func(obj []byte, first int) []byte, extra func(first int) [][]byte) ([]byte, error) {
	loc := xrefTailRe.FindSubmatchIndex(src)
	if loc == nil {
		return nil, fmt.Errorf("pdf: no cross-reference table in fpdf's output")
	}
	xrefAt := loc[0] + 1
	count, _ := strconv.Atoi(string(src[loc[2]:loc[3]]))
	table := src[loc[1]:]
	const entry = 20 // "0000000123 00000 n \n"
	if count < 1 || len(table) < count*entry {
		return nil, fmt.Errorf("pdf: short cross-reference table")
	}
	type object struct{ num, start, end int }
	objs := make([]object, 0, count-1)
	for i := 1; i < count; i++ {
		e := table[i*entry : (i+1)*entry]
		off, err := strconv.Atoi(string(e[:10]))
		if err != nil || off <= 0 || off >= xrefAt {
			return nil, fmt.Errorf("pdf: bad cross-reference entry %d", i)
		}
		objs = append(objs, object{num: i, start: off})
	}
	sort.Slice(objs, func(i, j int) bool { return objs[i].start < objs[j].start })
	for i := range objs {
		if i+1 < len(objs) {
			objs[i].end = objs[i+1].start
		} else {
			objs[i].end = xrefAt
		}
	}

	// Find the plain streams, compress them in parallel, then copy.
	type part struct {
		head, data, tail []byte // data is the stream to compress, if any
		packed           bytes.Buffer
	}
	parts := make([]part, len(objs))
	var plain []int
	for i, o := range objs {
		body := src[o.start:o.end]
		if !bytes.HasPrefix(body, []byte(strconv.Itoa(o.num)+" 0 obj\n")) {
			return nil, fmt.Errorf("pdf: object %d is not where the cross-reference table says", o.num)
		}
		m := plainStreamRe.FindSubmatchIndex(body)
		if m == nil {
			if !bytes.Contains(body, []byte("\nstream\n")) {
				body = fix(body, count)
			}
			parts[i].head = body
			continue
		}
		n, _ := strconv.Atoi(string(body[m[4]:m[5]]))
		data := body[m[1]:]
		if n > len(data) || !bytes.HasPrefix(data[n:], []byte("\nendstream\n")) {
			return nil, fmt.Errorf("pdf: object %d: stream length does not match", o.num)
		}
		parts[i].data, parts[i].tail = data[:n], data[n:]
		plain = append(plain, i)
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(plain)) {
		wg.Go(func() {
			w := zlibPool.Get().(*zlib.Writer)
			defer zlibPool.Put(w)
			for {
				k := int(next.Add(1)) - 1
				if k >= len(plain) {
					return
				}
				p := &parts[plain[k]]
				w.Reset(&p.packed)
				w.Write(p.data)
				w.Close() // writes to a bytes.Buffer cannot fail
			}
		})
	}
	wg.Wait()
	var out bytes.Buffer
	out.Grow(len(src) / 4) // the pages shrink to about a fifth
	head := src[:objs[0].start]
	if extra != nil {
		head = headerRe.ReplaceAll(head, []byte("%PDF-1.7"))
	}
	out.Write(head)
	var more [][]byte
	if extra != nil {
		more = extra(count)
	}
	offsets := make([]int, count+len(more))
	for i, o := range objs {
		offsets[o.num] = out.Len()
		p := &parts[i]
		if p.data == nil && p.tail == nil {
			out.Write(p.head)
			continue
		}
		fmt.Fprintf(&out, "%d 0 obj\n<</Filter /FlateDecode /Length %d>>\nstream\n", o.num, p.packed.Len())
		out.Write(p.packed.Bytes())
		out.Write(p.tail)
	}
	for i, obj := range more {
		offsets[count+i] = out.Len()
		out.Write(obj)
	}
	total := count + len(more)
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", total)
	for i := 1; i < total; i++ {
		fmt.Fprintf(&out, "%010d 00000 n \n", offsets[i])
	}
	trailer := table[count*entry:]
	sx := bytes.LastIndex(trailer, []byte("startxref\n"))
	if sx < 0 {
		return nil, fmt.Errorf("pdf: no startxref in fpdf's output")
	}
	if extra != nil {
		out.Write(sizeRe.ReplaceAll(trailer[:sx], []byte("/Size "+strconv.Itoa(total))))
	} else {
		out.Write(trailer[:sx])
	}
	fmt.Fprintf(&out, "startxref\n%d\n%%%%EOF\n", xref)
	return out.Bytes(), nil
}
