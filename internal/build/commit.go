package build

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"
)

// A build writes every file it makes to a temporary file beside its
// destination first (a stage), and renames them all into place only when
// every one was written: a build that fails for any reason, a full disk
// included, leaves the previous files exactly as they were and no
// temporary file behind.
type stage struct {
	mu    sync.Mutex
	files []stagedFile
}

type stagedFile struct{ tmp, path string }

// write puts data in a temporary file for path.
func (s *stage) write(path string, data []byte) error {
	tmp, err := writeTemp(path, data)
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.files = append(s.files, stagedFile{tmp, path})
	s.mu.Unlock()
	return nil
}

// abort removes every temporary file.
func (s *stage) abort() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range s.files {
		os.Remove(f.tmp)
	}
	s.files = nil
}

// commit renames the files into place, in a fixed order. What could make
// a rename fail (a folder where a file should go) is checked for every
// file before the first rename.
func (s *stage) commit() error {
	s.mu.Lock()
	files := s.files
	s.files = nil
	s.mu.Unlock()
	sort.Slice(files, func(i, j int) bool { return files[i].path < files[j].path })
	for _, f := range files {
		if st, err := os.Lstat(f.path); err == nil && st.IsDir() {
			for _, g := range files {
				os.Remove(g.tmp)
			}
			return fmt.Errorf("writing %s: a folder is in the way", f.path)
		}
	}
	for i, f := range files {
		if err := os.Rename(f.tmp, f.path); err != nil {
			for _, g := range files[i:] {
				os.Remove(g.tmp)
			}
			return fmt.Errorf("writing %s: %w", f.path, err)
		}
	}
	return nil
}

// writeTemp writes data to a new temporary file in path's folder, synced
// to the disk, and returns its name.
func writeTemp(path string, data []byte) (string, error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return "", err
	}
	name := tmp.Name()
	fail := func(err error) (string, error) {
		tmp.Close()
		os.Remove(name)
		return "", fmt.Errorf("writing %s: %w", path, err)
	}
	if _, err := tmp.Write(data); err != nil {
		return fail(err)
	}
	if err := tmp.Sync(); err != nil {
		return fail(err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(name)
		return "", fmt.Errorf("writing %s: %w", path, err)
	}
	return name, nil
}

// WriteAtomic writes data to path through a temporary file in the same
// folder and a rename, so a reader never sees half a file and a failed
// write leaves the old file as it was.
func WriteAtomic(path string, data []byte) error {
	var s stage
	if err := s.write(path, data); err != nil {
		return err
	}
	return s.commit()
}
