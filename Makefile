# Packaging. The quick start needs no make: bash .ci/setup, bash .ci/test.
.PHONY: deb test-deb fuzz fuzz-smoke

deb:  ## .build-deb/jimu_VERSION_amd64.deb: a static-stdlib binary, man page, completions, systemd units
	bash packaging/build-deb

test-deb: deb  ## runs the package's binary with Swift out of reach, then installs it in a clean Debian root
	bash packaging/test-deb

fuzz:  ## ten minutes of libFuzzer per parser (CSV, XML, job files, templates); see .fuzz/README.md
	bash .fuzz/run 600

fuzz-smoke:  ## seconds per parser, as the test command runs it
	FUZZ_CONFIGURATION=debug bash .fuzz/run 5
