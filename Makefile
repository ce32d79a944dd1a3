# camprint — developer entry points. `make test` is the one command CI runs (.ci/run).
#
#   make demo                 emulated site + collector on SQLite + one agent pass; prints the inventory,
#                             then a removal scheduled, one verified gone, one reappeared (two more agent
#                             rounds); keeps the page up until Ctrl-C (DEMO_WAIT=0 exits right away)
#   make test                 install missing Debian packages, build warning-free, lint, run all tests
#                             (with PostgreSQL, the system test and the page in headless Chromium)
#   make fuzz FUZZ_SECONDS=600  run every libFuzzer harness for FUZZ_SECONDS each (Fuzz/)
#   make bench                release build, print parser throughput (generates a 50+ MB H.264 stream),
#                             probe numbers (vs ffprobe, control plane vs 200 local endpoints, peak
#                             RSS, live source joined mid-GOP) and agent numbers (500 emulated cameras:
#                             CPU share, RSS, probes/s; spool and upload throughput), discovery of a /24 of
#                             200 emulated devices vs nmap -sV (nmap installed if missing); ~22 min
#   make format               format Sources/ Tests/ Fuzz/ in place with swift-format
#   make lint                 fail on any formatting difference
#   make install              release build (Swift runtime linked in); install to $(DESTDIR)$(PREFIX)
#                             (default /usr/local): both binaries, signatures, systemd units, sample
#                             configs, man pages, bash/zsh/fish completions
#   make deb                  camprint_<version>_<arch>.deb and camprint-collector_<version>_<arch>.deb in
#                             $(DEB_DIR) (scripts/package-deb.sh), checked with lintian
#   make package-test         the packages run where the Swift toolchain is hidden: --version, signature
#                             self-test, a media probe of an emulated camera, agent --once to a collector
#                             (scripts/package-test.sh; PACKAGE_TEST_DEBIAN=1 adds a debootstrapped Debian 12 root)
#   make eval                 confusion table of `camprint identify` over the real corpus (Samples/eval/expected.tsv)
#   make eval-shapes          the same captures as people paste them (log prefixes, indentation, quotes):
#                             verdicts must not change (scripts/eval-shapes.py)

SWIFT ?= swift
# Build folder; CI points this at a cache outside the clone.
SCRATCH ?= .build
SWIFT_BUILD_FLAGS ?= --scratch-path $(SCRATCH)
FUZZ_SECONDS ?= 60
FUZZ_JOBS ?= 2
FUZZ_HARNESSES ?= rtsp sdp h264 h265
FUZZ_SCRATCH ?= .build-fuzz
BENCH_DIR ?= bench-data
CORPUS ?= ../shared/corpus/real
SOURCES_TO_FORMAT = Package.swift Sources Tests Fuzz

export PATH := /opt/swift/usr/bin:$(PATH)

.PHONY: test demo eval eval-shapes deps build lint format fuzz fuzz-build bench clean install deb package-test

# The demo on the built-in default: an emulated site (Samples/fleets/demo.yaml), a collector on
# SQLite, one agent pass, the inventory table and the page URL; the page stays up until Ctrl-C
# (DEMO_WAIT=0 exits right after printing).
DEMO_WAIT ?= 1
demo: deps
	SCRATCH=$(SCRATCH) DEMO_WAIT=$(DEMO_WAIT) ./scripts/demo.sh

# A throwaway PostgreSQL server on 127.0.0.1:55432 runs for the storage tests (both SQLite and
# PostgreSQL are tested); the collector page is then checked in headless Chromium.
test: deps lint build
	@echo "==> signature self-test"
	"$$($(SWIFT) build $(SWIFT_BUILD_FLAGS) --show-bin-path)/camprint" signatures test --no-operator-rules
	@echo "==> collector policy self-test (policies, lineage and advisory rows)"
	CAMPRINT_POLICIES_DIR=Sources/CamprintCollector/Policies \
	  "$$($(SWIFT) build $(SWIFT_BUILD_FLAGS) --show-bin-path)/camprint-collector" policy test --no-operator-policies
	@echo "==> swift test (with a throwaway PostgreSQL)"
	@eval "$$(./scripts/collector-test-postgres.sh start)"; \
	  CAMPRINT_AGENT_KILL_RUNS=50 $(SWIFT) test $(SWIFT_BUILD_FLAGS) -Xswiftc -warnings-as-errors; status=$$?; \
	  ./scripts/collector-test-postgres.sh stop >/dev/null 2>&1 || true; exit $$status
	@echo "==> system test: emulated fleet, collector on SQLite, agent --once (scripts/system-test.sh)"
	SCRATCH=$(SCRATCH) ./scripts/system-test.sh
	@echo "==> collector page in headless Chromium"
	SCRATCH=$(SCRATCH) CAMPRINT_BROWSER_TEST_SCREENSHOT=$${TMPDIR:-/tmp}/camprint-collector-page.png \
	  ./scripts/browser-test.sh

deps:
	@echo "==> checking Debian packages"
	@./scripts/install-deps.sh

build:
	@echo "==> swift build (warnings are errors)"
	$(SWIFT) build $(SWIFT_BUILD_FLAGS) --build-tests -Xswiftc -warnings-as-errors

lint:
	@echo "==> swift format lint"
	$(SWIFT) format lint --strict --parallel -r $(SOURCES_TO_FORMAT)

format:
	$(SWIFT) format -i --parallel -r $(SOURCES_TO_FORMAT)

fuzz-build:
	@for h in $(FUZZ_HARNESSES); do \
	  echo "==> building fuzz-$$h"; \
	  CAMPRINT_FUZZ=1 $(SWIFT) build --scratch-path $(FUZZ_SCRATCH) -c release --product fuzz-$$h \
	    -Xswiftc -sanitize=fuzzer,address || exit 1; \
	done

# Each harness runs FUZZ_SECONDS, FUZZ_JOBS at a time, seeded from Samples/ and the corpus.
# Findings land in Fuzz/artifacts/<harness>/; copy each crasher to Samples/fuzz-regressions/<harness>/.
fuzz: fuzz-build
	@./scripts/fuzz.sh "$(FUZZ_SCRATCH)/release" "$(FUZZ_SECONDS)" "$(FUZZ_JOBS)" "$(CORPUS)" $(FUZZ_HARNESSES)

bench: deps
	@./scripts/bench.sh "$(BENCH_DIR)" "$(SCRATCH)"

# Fails on any false hikvision/hikvision-oem verdict; other mismatches are listed.
eval:
	$(SWIFT) build $(SWIFT_BUILD_FLAGS) --product camprint
	@./scripts/eval.sh "$$($(SWIFT) build $(SWIFT_BUILD_FLAGS) --show-bin-path)/camprint" "$(CORPUS)"

eval-shapes:
	$(SWIFT) build $(SWIFT_BUILD_FLAGS) --product camprint
	@python3 ./scripts/eval-shapes.py "$$($(SWIFT) build $(SWIFT_BUILD_FLAGS) --show-bin-path)/camprint" "$(CORPUS)"

clean:
	rm -rf .build $(FUZZ_SCRATCH) $(BENCH_DIR) Fuzz/artifacts

# Installation layout (PREFIX=/usr/local by default; DESTDIR for staging/packaging):
#   $(PREFIX)/bin/camprint, camprint-collector
#   $(PREFIX)/share/camprint/signatures/   the shipped rules, found by the binaries as <bin>/../share/camprint/signatures
#   $(PREFIX)/share/camprint/policies/     the collector's policies and lineage table (<bin>/../share/camprint/policies)
#   $(SYSTEMD_UNIT_DIR)/camprint-*.service  (ExecStart rewritten to $(PREFIX)/bin)
#   $(PREFIX)/share/camprint/examples/     sample agent and collector configurations
PREFIX ?= /usr/local
DESTDIR ?=
SYSTEMD_UNIT_DIR ?= $(PREFIX)/lib/systemd/system
RELEASE_SCRATCH ?= $(SCRATCH)
# release by default; CONFIG=debug installs the debug build (quicker, for checking the layout)
CONFIG ?= release
# The Swift runtime and Foundation linked into the binaries, so that they run without the toolchain
# (STATIC_STDLIB= links them dynamically, as before); the build facts of --version come from
# scripts/package-build-info.sh.
STATIC_STDLIB ?= --static-swift-stdlib --disable-local-rpath -Xlinker -z -Xlinker now
INSTALL_BUILD = $(SWIFT) build --scratch-path $(RELEASE_SCRATCH) -c $(CONFIG) $(STATIC_STDLIB)
#   $(PREFIX)/share/man/man1/, share/bash-completion/completions/, share/zsh/site-functions/,
#   share/fish/vendor_completions.d/   man pages and completions (scripts/package-docs.sh)

install: deps
	@echo "==> release build"
	@eval "$$(./scripts/package-build-info.sh)" && \
	  $(INSTALL_BUILD) --product camprint && $(INSTALL_BUILD) --product camprint-collector
	@bin="$$($(INSTALL_BUILD) --show-bin-path)"; \
	  docs="$$(mktemp -d)" && eval "$$(./scripts/package-build-info.sh)" && \
	  ./scripts/package-docs.sh "$$bin" "$$docs" "$(RELEASE_SCRATCH)" && \
	  echo "==> installing into $(DESTDIR)$(PREFIX)"; \
	  install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(PREFIX)/share/camprint/signatures" \
	    "$(DESTDIR)$(SYSTEMD_UNIT_DIR)" "$(DESTDIR)$(PREFIX)/share/camprint/examples" \
	    "$(DESTDIR)$(PREFIX)/share/man/man1" "$(DESTDIR)$(PREFIX)/share/bash-completion/completions" \
	    "$(DESTDIR)$(PREFIX)/share/zsh/site-functions" "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d" && \
	  for program in camprint camprint-collector; do \
	    install -m 0644 "$$docs/man/$$program.1" "$(DESTDIR)$(PREFIX)/share/man/man1/" && \
	    install -m 0644 "$$docs/bash/$$program" "$(DESTDIR)$(PREFIX)/share/bash-completion/completions/" && \
	    install -m 0644 "$$docs/zsh/_$$program" "$(DESTDIR)$(PREFIX)/share/zsh/site-functions/" && \
	    install -m 0644 "$$docs/fish/$$program.fish" "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/" || exit 1; \
	  done; rm -rf "$$docs"; \
	  install -m 0755 "$$bin/camprint" "$$bin/camprint-collector" "$(DESTDIR)$(PREFIX)/bin/" && \
	  install -m 0644 Sources/CamprintSignatures/Rules/* "$(DESTDIR)$(PREFIX)/share/camprint/signatures/" && \
	  install -d "$(DESTDIR)$(PREFIX)/share/camprint/policies" && \
	  install -m 0644 Sources/CamprintCollector/Policies/* "$(DESTDIR)$(PREFIX)/share/camprint/policies/" && \
	  for unit in systemd/*.service; do \
	    sed 's#/usr/local/bin/#$(PREFIX)/bin/#g' "$$unit" > "$(DESTDIR)$(SYSTEMD_UNIT_DIR)/$$(basename $$unit)"; \
	    chmod 0644 "$(DESTDIR)$(SYSTEMD_UNIT_DIR)/$$(basename $$unit)"; \
	  done && \
	  for sample in Samples/agent/*.yaml Samples/collector/*; do \
	    [ -f "$$sample" ] && install -m 0644 "$$sample" "$(DESTDIR)$(PREFIX)/share/camprint/examples/"; \
	  done; \
	  echo "installed: $(DESTDIR)$(PREFIX)/bin/camprint, $(DESTDIR)$(PREFIX)/bin/camprint-collector, signatures, man pages, completions, units in $(DESTDIR)$(SYSTEMD_UNIT_DIR)"

# Debian packages (issue 18): a release build with the Swift runtime linked in, man pages, completions,
# Depends computed by dpkg-shlibdeps (FFmpeg's dlopened sonames included), lintian. DEB_DIR holds the
# .deb files; scripts/package-deb.sh says what goes where.
DEB_DIR ?= dist

deb: deps
	@SWIFT=$(SWIFT) SCRATCH=$(RELEASE_SCRATCH) DEB_DIR=$(DEB_DIR) ./scripts/package-deb.sh

# Needs `make deb` first (and root: unshare -m hides /opt/swift). The emulated camera is the debug
# camprint-testcam of $(SCRATCH).
package-test:
	@SWIFT=$(SWIFT) SCRATCH=$(SCRATCH) DEB_DIR=$(DEB_DIR) ./scripts/package-test.sh
