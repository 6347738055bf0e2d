#!/bin/sh
# Make the demo's input files once: repetitive text (compresses well) and shuffled numbers.
set -eu
mkdir -p data
[ -s data/sample.txt ] || seq 1 200000 | awk '{ print "line " $1 " of the perfgate demo input" }' >data/sample.txt
[ -s data/numbers.txt ] || seq 1 100000 | awk 'BEGIN { srand(7) } { print int(rand() * 1e9) }' >data/numbers.txt
