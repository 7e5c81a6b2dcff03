# press — see README.md. `make` builds every edition into dist/; `make test`
# installs the validators the tests need (Debian packages) and runs all tests.

GO      ?= go
PRESS   := bin/press
# The binary embeds the default fonts and the built-in languages' profiles
# and edition strings, so they are its sources too.
SOURCES := $(shell find cmd internal fonts locales -name '*.go' -not -name '*_test.go') \
	$(wildcard fonts/*.ttf internal/render/pdf/icc/*.icc locales/*/language.toml locales/*/edition.toml) go.mod go.sum

# Debian packages the tests use: epubcheck (EPUB), poppler-utils and qpdf
# (PDF), pandoc and LibreOffice Writer (DOCX), fontconfig, xmllint (XLIFF
# against the OASIS schema), gettext (msgfmt, msgmerge, msgattrib: PO),
# man-db (the man page renders), hyphen-de and hyphen-uk (press lang add
# converts their dictionaries), icc-profiles-free (the FOGRA39 data of the
# PDF/X-4 output profile), Chromium (DAISY Ace, with Node.js,
# for EPUB accessibility; press serve's browser test).
DEB_PACKAGES := epubcheck poppler-utils qpdf pandoc libreoffice-writer-nogui default-jre-headless fontconfig libxml2-utils gettext man-db hyphen-de hyphen-uk icc-profiles-free chromium nodejs
# npm is Debian's package unless the installed nodejs brings its own
# (NodeSource's does, and conflicts with Debian's npm).
NPM_PACKAGE := $(if $(shell command -v npm 2>/dev/null),,npm)

# DAISY Ace, pinned by tools/ace/package-lock.json, installed into .cache/ace
# (ignored by git) without its install scripts: it runs Debian's chromium,
# never a downloaded browser.
ACE := .cache/ace/node_modules/.bin/ace-puppeteer

.PHONY: all build test deps vet check bench bench-corpus fuzz fonts-cjk clean man install

all: build

# -buildvcs=auto: press version names the revision even where GOFLAGS turns
# VCS stamping off.
$(PRESS): $(SOURCES)
	$(GO) build -buildvcs=auto -o $(PRESS) ./cmd/press

build: $(PRESS)
	$(PRESS) build

# The man pages come from the command definitions themselves (press man).
man: $(PRESS)
	rm -rf man && $(PRESS) man man

PREFIX  ?= /usr/local
DESTDIR ?=
install: $(PRESS) man
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(PRESS) $(DESTDIR)$(PREFIX)/bin/press
	install -m 644 man/*.1 $(DESTDIR)$(PREFIX)/share/man/man1/

deps:
	@missing=""; \
	for p in $(DEB_PACKAGES) $(NPM_PACKAGE); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
	@if ! cmp -s tools/ace/package-lock.json .cache/ace/package-lock.json || [ ! -x $(ACE) ]; then \
	  echo "installing DAISY Ace into .cache/ace"; \
	  rm -rf .cache/ace && mkdir -p .cache/ace && cp tools/ace/package.json tools/ace/package-lock.json .cache/ace/ && \
	  cd .cache/ace && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null; \
	fi

vet:
	@test -z "$$(gofmt -l cmd internal)" || { echo "gofmt needed:"; gofmt -l cmd internal; exit 1; }
	$(GO) vet ./...

# The translators' gate on the real catalogues, then every test (validators
# included) with the race detector.
check: $(PRESS)
	$(PRESS) status --min 100
	$(PRESS) lint
	$(PRESS) build --quiet
	$(PRESS) verify
	$(PRESS) preflight --quiet --profile screen dist/*/*.pdf

test: deps vet check
	$(GO) test -race -count=1 ./...

# Speed, side by side with pandoc: hyperfine (Debian package) times whole
# commands from a cold process; go test -bench times the stages.
BENCH_DIR := /tmp/press-bench
# pandoc's PDF through XeLaTeX joins the table when xelatex is installed.
BENCH_XELATEX = $(if $(shell command -v xelatex 2>/dev/null),-n 'pandoc: English PDF via XeLaTeX' 'pandoc $(MANUSCRIPT) --pdf-engine=xelatex -o $(BENCH_DIR)/pandoc.pdf')
MANUSCRIPT := source/china-image-kazakhstan.md
# Typst as an anchor row: the English manuscript as Typst markup
# (internal/typst), compiled by the Typst compiler's Node build.
TYPST_TS := @myriaddreamin/typst-ts-node-compiler@0.7.0

bench: $(PRESS)
	@command -v hyperfine >/dev/null || { SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq hyperfine pandoc >/dev/null; }
	rm -rf $(BENCH_DIR) && mkdir -p $(BENCH_DIR)/proj $(BENCH_DIR)/typst && cp -r source locales fonts $(BENCH_DIR)/proj/
	@command -v npm >/dev/null || { SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq nodejs npm >/dev/null; }
	cd $(BENCH_DIR)/typst && npm install --silent --no-audit --no-fund $(TYPST_TS) >/dev/null
	cp bench/typst.mjs $(BENCH_DIR)/typst/ && $(GO) run ./internal/typst/gen $(BENCH_DIR)/typst/en.typ
	$(PRESS) build --quiet --root $(BENCH_DIR)/proj -o $(BENCH_DIR)/proj/dist
	hyperfine --warmup 2 --runs 15 --export-markdown $(BENCH_DIR)/table.md \
	  -n 'press: all 12 files (4 languages x 3 formats), cold' '$(PRESS) build --quiet --no-cache -o $(BENCH_DIR)/all' \
	  -n 'press: English PDF' '$(PRESS) build --quiet --no-cache --lang en -t pdf -o $(BENCH_DIR)/en' \
	  -n 'press: all 12 files after a one-paragraph edit in Russian' \
	     --prepare 'n=$$(date +%N); sed -i -E "s/Правительство Казахстана [0-9]* ?надеется/Правительство Казахстана $$n надеется/" $(BENCH_DIR)/proj/locales/ru/document.toml' \
	     '$(PRESS) build --quiet --root $(BENCH_DIR)/proj -o $(BENCH_DIR)/proj/dist' \
	  -n 'typst: English PDF (typst.ts, cold process)' 'node $(BENCH_DIR)/typst/typst.mjs $(BENCH_DIR)/typst/en.typ $(BENCH_DIR)/typst/en.pdf fonts' \
	  -n 'pandoc: English EPUB' 'pandoc $(MANUSCRIPT) -o $(BENCH_DIR)/pandoc.epub' \
	  -n 'pandoc: English DOCX' 'pandoc $(MANUSCRIPT) -o $(BENCH_DIR)/pandoc.docx' \
	  $(BENCH_XELATEX)
	@cat $(BENCH_DIR)/table.md
	@/usr/bin/time -f 'peak RSS of press build (12 files, cold): %M KB' $(PRESS) build --quiet --no-cache -o $(BENCH_DIR)/rss
	@ls -l $(BENCH_DIR)/all/*/*.pdf | awk '{print "PDF size:", $$5, $$9}'
	$(GO) test -run '^$$' -bench . -benchmem ./internal/markdown ./internal/catalog ./internal/layout ./internal/build
	$(MAKE) --no-print-directory bench-corpus

# Any manuscript, large: the READMEs of testdata/manuscripts four times over
# (some 450 KB of tables, code, nested lists, HTML), its three English files
# beside pandoc's DOCX alone, and the peak memory of each.
CORPUS_DIR := $(BENCH_DIR)/corpus
CORPUS_READMES := goldmark gin logrus blackfriday go-sqlite3 pdfcpu

bench-corpus: $(PRESS)
	@command -v hyperfine >/dev/null || { SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq hyperfine pandoc >/dev/null; }
	rm -rf $(CORPUS_DIR) && mkdir -p $(CORPUS_DIR)/source $(CORPUS_DIR)/locales/en
	for i in 1 2 3 4; do for f in $(CORPUS_READMES); do cat testdata/manuscripts/$$f.md; echo; done; done > $(CORPUS_DIR)/source/corpus.md
	cp locales/en/edition.toml $(CORPUS_DIR)/locales/en/ && cp -r fonts $(CORPUS_DIR)/
	@test $$(wc -c < $(CORPUS_DIR)/source/corpus.md) -ge 409600 || { echo "the corpus document is under 400 KB"; exit 1; }
	hyperfine --warmup 1 --runs 3 --export-markdown $(CORPUS_DIR)/table.md \
	  -n 'press: English PDF + EPUB + DOCX of the 450 KB corpus document' '$(PRESS) build --quiet --no-cache --lang en --root $(CORPUS_DIR)' \
	  -n 'pandoc: English DOCX of the same document' 'pandoc $(CORPUS_DIR)/source/corpus.md -o $(CORPUS_DIR)/pandoc.docx 2>/dev/null'
	@cat $(CORPUS_DIR)/table.md
	@/usr/bin/time -f 'peak RSS of press build (3 files of the corpus document): %M KB' $(PRESS) build --quiet --no-cache --lang en --root $(CORPUS_DIR)
	@/usr/bin/time -f 'peak RSS of pandoc (its DOCX): %M KB' pandoc $(CORPUS_DIR)/source/corpus.md -o $(CORPUS_DIR)/pandoc.docx 2>&1 | grep 'peak RSS'

# Fuzzing, not part of `make test`: each target runs for FUZZTIME (the
# fuzzer keeps one target per package and run). A crasher is written to the
# package's testdata/fuzz/<FuzzName>/ and from then on is a regression test
# of `go test`. Seeds are checked in there too.
FUZZTIME ?= 60s
FUZZ_TARGETS := internal/markdown:FuzzRead \
	internal/catalog:FuzzParseFile internal/catalog:FuzzDecode internal/catalog:FuzzTokenizeJoin \
	internal/xliff:FuzzParse internal/xliff:FuzzExportParse \
	internal/po:FuzzParse internal/po:FuzzExportParse \
	internal/layout:FuzzLineBreak

fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do \
	  pkg=$${t%%:*}; name=$${t##*:}; \
	  echo "== $$name (./$$pkg, $(FUZZTIME))"; \
	  $(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 10s ./$$pkg; \
	done

# Regenerate the Chinese faces (needs fonts-noto-cjk and python3-fonttools).
fonts-cjk:
	/usr/bin/python3 fonts/make-cjk.py

clean:
	rm -rf bin man dist/*/ dist/.cache
