#!/usr/bin/python3
"""Write tests/unit/significance_reference.inc: pairs of sample sets with the Mann-Whitney U test
from SciPy and the Hodges-Lehmann ratio interval from an independent NumPy implementation, for
test_core_significance.cpp to compare core/significance.cpp with.

Run with Debian's Python (python3-numpy, python3-scipy):
    /usr/bin/python3 tests/reference/gen_significance_reference.py
The output is deterministic (fixed seeds) and checked in; regenerate it only when the sets change.
"""

import functools
import itertools
import math
import pathlib

import numpy as np
import scipy
from scipy import stats

OUTPUT = pathlib.Path(__file__).resolve().parents[1] / "unit" / "significance_reference.inc"
CONFIDENCE = 0.95


def sample_sets():
    """Return (name, baseline, current) triples: fixed seeds, values rounded like real timings."""
    rng = np.random.default_rng(20261123)
    timings = lambda n, median, spread: np.round(rng.lognormal(math.log(median), spread, n), 3)
    ties = lambda n, low, high: rng.integers(low, high, n).astype(float)
    same = timings(10, 250.0, 0.05)
    return [
        ("3x3", timings(3, 100.0, 0.05), timings(3, 104.0, 0.05)),
        ("1x6", timings(1, 100.0, 0.05), timings(6, 100.0, 0.05)),
        ("5x7", timings(5, 1.5e6, 0.03), timings(7, 1.6e6, 0.03)),
        ("8x8", timings(8, 42.0, 0.05), timings(8, 45.0, 0.05)),
        ("8x9", timings(8, 42.0, 0.05), timings(9, 42.0, 0.05)),
        ("6x15", timings(6, 7.5, 0.1), timings(15, 8.0, 0.1)),
        ("20x8", timings(20, 3.1e4, 0.04), timings(8, 3.0e4, 0.04)),
        ("9x9", timings(9, 42.0, 0.05), timings(9, 45.0, 0.05)),
        ("10x10", timings(10, 2.1e5, 0.05), timings(10, 2.2e5, 0.05)),
        ("30x30", timings(30, 2.1e5, 0.05), timings(30, 2.3e5, 0.05)),
        ("30x30 unchanged", timings(30, 880.0, 0.02), timings(30, 880.0, 0.02)),
        ("12x40", timings(12, 5.0, 0.2), timings(40, 4.5, 0.2)),
        ("ties 5x6", ties(5, 10, 14), ties(6, 11, 15)),
        ("ties 8x8", ties(8, 10, 15), ties(8, 10, 15)),
        ("ties 20x20", ties(20, 100, 110), ties(20, 102, 112)),
        ("identical", same, same.copy()),
        ("all equal", np.full(9, 64.0), np.full(12, 64.0)),
        ("separated 5x5", timings(5, 100.0, 0.01), timings(5, 150.0, 0.01)),
        ("separated 20x20", timings(20, 150.0, 0.01), timings(20, 100.0, 0.01)),
    ]


@functools.lru_cache(maxsize=None)
def u_count(m, n, u):
    """Orderings of samples of sizes m and n with U = u: Mann & Whitney's (1947) recurrence."""
    if u < 0 or u > m * n:
        return 0
    if m == 0 or n == 0:
        return 1 if u == 0 else 0
    return u_count(m - 1, n, u - n) + u_count(m, n - 1, u)


def u_counts_by_enumeration(m, n):
    """Orderings of samples of sizes m and n by U, counting every choice of m of the m + n ranks."""
    counts = [0] * (m * n + 1)
    for ranks in itertools.combinations(range(1, m + n + 1), m):
        counts[sum(ranks) - m * (m + 1) // 2] += 1
    return counts


def exact_cdf(m, n):
    """P(U <= u) for u = 0..m n, exact fractions rounded once to floats."""
    counts = [u_count(m, n, u) for u in range(m * n + 1)]
    if math.comb(m + n, m) <= 100_000:
        assert counts == u_counts_by_enumeration(m, n)
    total = math.comb(m + n, m)
    return [c / total for c in itertools.accumulate(counts)]


def has_ties(baseline, current):
    pooled = np.concatenate([baseline, current])
    return len(np.unique(pooled)) != len(pooled)


def is_exact(baseline, current):
    """SciPy 1.10's `method="auto"`: exact unless both sizes exceed 8 or there are ties."""
    return min(len(baseline), len(current)) <= 8 and not has_ties(baseline, current)


def ratio_interval(baseline, current, confidence):
    """Hodges-Lehmann interval of log(current) - log(baseline), as a ratio minus one."""
    m, n = len(baseline), len(current)
    differences = np.sort(np.subtract.outer(np.log(current), np.log(baseline)).ravel())
    tail = (1 - confidence) / 2
    if is_exact(baseline, current):
        # The largest k with P(U <= k - 1) <= tail.
        k = sum(1 for p in exact_cdf(m, n) if p <= tail)
    else:
        pooled = np.concatenate([baseline, current])
        _, t = np.unique(pooled, return_counts=True)
        tie_sum = float(np.sum(t.astype(float) ** 3 - t))
        size = m + n
        sigma = math.sqrt(m * n / 12 * ((size + 1) - tie_sum / (size * (size - 1))))
        k = math.floor(m * n / 2 - stats.norm.ppf(1 - tail) * sigma)
    k = min(max(k, 1), (m * n + 1) // 2)
    return np.expm1(differences[k - 1]), np.expm1(differences[m * n - k])


def values(samples):
    return "{" + ", ".join(repr(float(x)) for x in samples) + "}"


def reference(name, baseline, current):
    result = stats.mannwhitneyu(baseline, current, alternative="two-sided", method="auto")
    low, high = ratio_interval(baseline, current, CONFIDENCE)
    fields = [
        ("name", f'"{name}"'),
        ("baseline", values(baseline)),
        ("current", values(current)),
        ("u", repr(float(result.statistic))),
        ("p_value", repr(float(result.pvalue))),
        ("exact", "true" if is_exact(baseline, current) else "false"),
        ("ratio_low", repr(float(low))),
        ("ratio_high", repr(float(high))),
    ]
    return "    {" + ",\n     ".join(f".{key} = {value}" for key, value in fields) + "},\n"


def main():
    lines = [
        "// Generated by tests/reference/gen_significance_reference.py from SciPy and NumPy;"
        " do not edit.\n",
        "// Regenerate: /usr/bin/python3 tests/reference/gen_significance_reference.py\n",
        f"// numpy {np.__version__}, scipy {scipy.__version__}\n",
    ]
    with np.errstate(all="ignore"):
        lines += [reference(*triple) for triple in sample_sets()]
    OUTPUT.write_text("".join(lines))


if __name__ == "__main__":
    main()
