# press — see README.md. `make` builds every edition into dist/; `make test`
# installs the validators the tests need (Debian packages) and runs all tests.

GO      ?= go
PRESS   := bin/press
SOURCES := $(shell find cmd internal -name '*.go' -not -name '*_test.go') go.mod go.sum

# Debian packages the tests use: epubcheck (EPUB), poppler-utils and qpdf
# (PDF), pandoc and LibreOffice Writer (DOCX).
DEB_PACKAGES := epubcheck poppler-utils qpdf pandoc libreoffice-writer-nogui default-jre-headless

.PHONY: all build test deps vet check bench fuzz fonts-cjk clean

all: build

$(PRESS): $(SOURCES)
	$(GO) build -o $(PRESS) ./cmd/press

build: $(PRESS)
	$(PRESS) build

deps:
	@missing=""; \
	for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
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

test: deps vet check
	$(GO) test -race -count=1 ./...

bench: $(PRESS)
	$(GO) test -run '^$$' -bench . -benchmem ./internal/...

fuzz:
	$(GO) test -run '^$$' -fuzz FuzzRead -fuzztime 60s ./internal/markdown

# Regenerate the Chinese faces (needs fonts-noto-cjk and python3-fonttools).
fonts-cjk:
	/usr/bin/python3 fonts/make-cjk.py

clean:
	rm -rf bin dist/*/ dist/.cache
