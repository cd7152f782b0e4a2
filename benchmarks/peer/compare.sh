#!/bin/sh
# Runs the PyTorch peer and the FnDam training benchmark in one session and prints one table of samples/s.
# Usage (from the repository root): benchmarks/peer/compare.sh [PEER_SCRIPT]
# PEER_SCRIPT defaults to ../shared/bench/torch_peer.py; install the peer first with benchmarks/peer/install.sh.
# FNDAM_BENCH_ISA picks FnDam's instruction set (one of default, avx2, vector128; see InstructionSets.cs). With avx2 the
# peer is held to AVX2 as well (ATEN_CPU_CAPABILITY=avx2, OpenBLAS's Haswell kernels), so that an AVX-512 machine
# measures the comparison an AVX2-only machine would make.
set -e
PEER=${1:-../shared/bench/torch_peer.py}
export FNDAM_BENCH_ISA=${FNDAM_BENCH_ISA:-default}
PEER_ENV=""
if [ "$FNDAM_BENCH_ISA" = avx2 ]; then PEER_ENV="ATEN_CPU_CAPABILITY=avx2 OPENBLAS_CORETYPE=Haswell"; fi
OUT=benchmarks/results
mkdir -p "$OUT"
: > "$OUT/peer.jsonl"
for mode in float fndam; do
  for batch in 5 64; do
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $PEER_ENV /usr/bin/python3 "$PEER" --mode $mode --batch $batch --threads 2 >> "$OUT/peer.jsonl"
  done
done
dotnet run -c Release --project benchmarks/FnDam.Benchmarks -- --filter '*TrainingBenchmarks*' --exporters csv markdown
cp BenchmarkDotNet.Artifacts/results/FnDam.Benchmarks.TrainingBenchmarks-report.csv "$OUT/training-fndam.csv"
cp BenchmarkDotNet.Artifacts/results/FnDam.Benchmarks.TrainingBenchmarks-report-github.md "$OUT/training-fndam.md"
python3 - "$OUT/peer.jsonl" "$OUT/training-fndam.csv" <<'PY' | tee "$OUT/training-comparison.md"
import csv, json, re, sys
peer = {}
for line in open(sys.argv[1]):
    r = json.loads(line)
    peer[("float" if r["mode"] == "float" else "fndam-matched", int(r["batch"]))] = r["train_samples_per_s"]
def ns(text):
    value, unit = re.match(r"([\d.,]+)\s*(\S+)", text.replace(",", "")).groups()
    return float(value) * {"ns": 1, "us": 1e3, "μs": 1e3, "ms": 1e6, "s": 1e9}[unit]
ours = {}
for r in csv.DictReader(open(sys.argv[2])):
    ours[(r["Backend"], int(r["Batch"]))] = 1e9 / ns(r["Mean"])
print("| back-end | batch | FnDam samples/s | PyTorch samples/s | ratio | target |")
print("| --- | --- | --- | --- | --- | --- |")
for key in sorted(ours):
    target = 1.0 if key[0] == "float" else 3.0
    ratio = ours[key] / peer[key]
    print(f"| {key[0]} | {key[1]} | {ours[key]:.0f} | {peer[key]:.0f} | {ratio:.2f} | >= {target:g} ({'met' if ratio >= target else 'not met'}) |")
PY
