# Trailkeep: the two commands are `make run` and `make test` (see README.md).
# Both install any missing Debian packages first (apt-get; sudo when not root).

BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc)
DATA       ?= ./data
LISTEN     ?= 127.0.0.1:8080
EVENTS     ?= 10000000

PACKAGES := g++ cmake ninja-build pkg-config libboost-dev librocksdb-dev libsimdjson-dev \
            libpq-dev libgtest-dev libgmock-dev libbenchmark-dev libcli11-dev libfmt-dev \
            libssl-dev zlib1g-dev postgresql sqlite3 libsqlite3-dev gnuplot-nox curl \
            rocksdb-tools

.PHONY: deps build run test test-fast bench bench-sweep clean

deps:
	@missing=""; for p in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# The usual build: -O2 (the server's own code at -O3, src/CMakeLists.txt)
# with line tables only (-g1): perf and backtraces get functions and lines;
# a debugger's view of locals needs -g. Compile CPU, -g1 against -g:
# http_server.cc 32.4 against 50.8 s, event_store_test.cc 16.5 against
# 23.6, event_json.cc 7.9 against 9.8, and the same code (event_json.o's
# .text byte for byte).
BUILD_FLAGS := -O2 -g1 -DNDEBUG
$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$(BUILD_FLAGS)"

build: deps $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

run: build
	$(BUILD)/src/cli/trailkeep serve --data $(DATA) --listen $(LISTEN)

# Every test, then every test again under AddressSanitizer + UBSan, built at
# -O1 with line tables only (-g1), the usual sanitizer build. Against -O2 -g
# it compiles the heaviest file (http_server.cc) in 42.6 instead of 79.5 s;
# a clean sanitizer build takes 4m40s on the 2-core machine, and its tests
# run as fast (134 against 140 s). The sanitizer build's compile jobs had
# summed 1,205 s (the normal build's 575 s), most of CI's 941 s.
ASAN_FLAGS := -O1 -g1 -DNDEBUG
test: test-fast
	cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTK_SANITIZE=ON -DTK_BUILD_BENCH=OFF \
	  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$(ASAN_FLAGS)"
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --test-dir $(ASAN_BUILD) --output-on-failure -j 2 --timeout 600

test-fast: build
	ctest --test-dir $(BUILD) --output-on-failure -j 2 --timeout 600

bench: build
	EVENTS=$(EVENTS) bench/run.sh $(BUILD)

# The suite at 1M, 3M and 10M events (SIZES="..." to choose), each size's
# table and JSON under bench/results/, plus bench/results/sweep.png.
SIZES ?= 1000000 3000000 10000000
bench-sweep: build
	SIZES="$(SIZES)" bench/sweep.sh $(BUILD)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
