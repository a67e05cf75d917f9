#!/usr/bin/python3
"""A seeded synthetic spectrum image with 4 known phases and Poisson noise.

Identical, count for count, to src/test/java/io/github/pixelclustering/testutil/SyntheticSpectra.java:
every value is made with IEEE double +, -, *, / only (no library exp or pow, whose last bit may differ
between C and Java), in the same order, and every random number comes from SplitMix64.

Run from the repository root to print the checksums the Java test checks:
/usr/bin/python3 scripts/synthetic_spectra.py [width height channels seed]

Definition (w x h pixels, C channels, seed):
- phases (integer arithmetic, m = min(w, h)): phase 3 = disc centre (3w/4, 3h/10) radius m/8;
  else phase 1 = disc centre (3w/10, 2h/5) radius 3m/10; else phase 2 = band y >= 4h/5; else phase 0
  (integer divisions; inside means dx^2 + dy^2 <= r^2). For 64 x 64 the sizes are 1938, 1129, 832, 197.
- channel position e = (c + 0.5) / C; shape of phase j: s_j(c) = background(e) + sum over the peaks k
  in table order of HEIGHTS[j][k] * gauss_k(e), with background(e) = 0.04 + 0.2 * (1 - e)^4 (written
  as products) and gauss_k(e) = exp_neg((e - MU[k])^2 / (2 * SIGMA[k]^2)), exp_neg as below;
- S_j = sum of s_j(c) over c ascending; expected counts lam = (TOTAL[j] * s_j(c) / S_j) * g(x) with
  the intensity gradient g(x) = (3w + 2x) / (4w) (0.75 at the left edge, 1.25 at the right);
- counts: pixel p (raster order, x fastest), channel c takes the (p*C + c)-th SplitMix64 output z
  (state += 0x9E3779B97F4A7C15 before each output, as SmoothNoise), u = (z >> 11) * 2^-53, and the
  Poisson count by inversion: k = 0, q = exp_neg(lam), cdf = q; while u > cdf and k < 1000:
  k += 1, q = q * lam / k, cdf += q.
- exp_neg(t) (t >= 0): 0 if t > 700; else halve y = t until y <= 1/16 (n halvings), r = 1 and for
  i = 12 down to 1: r = 1 - y * r / i (Horner form of the Taylor series of exp(-y)), then square r n
  times.
Checksums: total counts, and the sum over the pixel-major array of index * count.
"""
import sys

import numpy as np

MASK64 = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15

# peaks (fraction of the energy axis, width), like K and L lines of a few elements
MU = [0.10, 0.17, 0.25, 0.35, 0.50, 0.64, 0.80]
SIGMA = [0.010, 0.011, 0.012, 0.013, 0.015, 0.016, 0.018]
# peak heights of each phase: phases share some peaks and differ in others
# (close enough that HyperSpy's cluster_analysis misplaces a few noisy pixels: ARI 0.993..1 against
# the phases for 64 x 64 x 512)
HEIGHTS = [
    [1.0, 0.0, 0.8, 0.0, 0.4, 0.0, 0.0],
    [1.0, 0.3, 0.5, 0.0, 0.4, 0.4, 0.0],
    [0.8, 0.0, 0.8, 0.6, 0.2, 0.0, 0.0],
    [0.6, 0.5, 0.6, 0.0, 0.0, 0.6, 0.4],
]
# expected counts per pixel of each phase (at g(x) = 1)
TOTAL = [300.0, 260.0, 340.0, 280.0]
PHASES = 4
MAX_COUNT = 1000


def exp_neg(t):
    """exp(-t) for a float64 array t >= 0, with +, *, / only (see the module docstring)."""
    t = np.asarray(t, dtype=np.float64)
    y = t.copy()
    n = np.zeros(t.shape, dtype=np.int64)
    while True:
        big = y > 0.0625
        if not big.any():
            break
        y[big] *= 0.5
        n[big] += 1
    r = np.ones(t.shape, dtype=np.float64)
    for i in range(12, 0, -1):
        r = 1.0 - y * r / float(i)
    for step in range(int(n.max()) if n.size else 0):
        more = n > step
        r[more] = r[more] * r[more]
    r[t > 700.0] = 0.0
    return r


def phase_map(width, height):
    """Known phase of every pixel, shape (height, width), int."""
    m = min(width, height)
    y, x = np.mgrid[0:height, 0:width]
    phases = np.zeros((height, width), dtype=np.int64)
    phases[y >= 4 * height // 5] = 2
    disc1 = (x - 3 * width // 10) ** 2 + (y - 2 * height // 5) ** 2 <= (3 * m // 10) ** 2
    phases[disc1] = 1
    disc3 = (x - 3 * width // 4) ** 2 + (y - 3 * height // 10) ** 2 <= (m // 8) ** 2
    phases[disc3] = 3
    return phases


def shapes(channels):
    """Phase spectra s_j(c), shape (PHASES, channels), and their sums S_j."""
    e = (np.arange(channels, dtype=np.float64) + 0.5) / float(channels)
    one_minus = 1.0 - e
    background = 0.04 + 0.2 * (one_minus * one_minus * one_minus * one_minus)
    gauss = []
    for mu, sigma in zip(MU, SIGMA):
        d = e - mu
        gauss.append(exp_neg(d * d / (2.0 * sigma * sigma)))
    s = np.empty((PHASES, channels), dtype=np.float64)
    sums = np.empty(PHASES, dtype=np.float64)
    for j in range(PHASES):
        v = background.copy()
        for k in range(len(MU)):
            v = v + HEIGHTS[j][k] * gauss[k]
        s[j] = v
        total = 0.0
        for value in v.tolist():  # sequential sum, as Java does
            total += value
        sums[j] = total
    return s, sums


def splitmix_uniforms(seed, count):
    """The first `count` SplitMix64 outputs from `seed`, as uniforms (z >> 11) * 2^-53."""
    with np.errstate(over="ignore"):
        state = np.uint64(seed & MASK64) + np.uint64(GOLDEN) * np.arange(1, count + 1, dtype=np.uint64)
        z = state
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    return (z >> np.uint64(11)).astype(np.float64) * (2.0 ** -53)


def expected_counts(width, height, channels):
    """lam per (phase, x, channel): shape (PHASES, width, channels)."""
    s, sums = shapes(channels)
    base = np.empty((PHASES, channels), dtype=np.float64)
    for j in range(PHASES):
        base[j] = TOTAL[j] * s[j] / sums[j]
    g = (3.0 * width + 2.0 * np.arange(width, dtype=np.float64)) / (4.0 * width)
    return base[:, None, :] * g[None, :, None]


def generate(width, height, channels, seed):
    """Counts, shape (height, width, channels) int64 (HyperSpy's navigation y, x and signal axis E),
    and the known phases, shape (height, width)."""
    phases = phase_map(width, height)
    lam_table = expected_counts(width, height, channels)
    q0_table = exp_neg(lam_table)
    x_of_pixel = np.tile(np.arange(width), height)
    phase_of_pixel = phases.reshape(-1)
    lam = lam_table[phase_of_pixel, x_of_pixel, :].reshape(-1)
    q = q0_table[phase_of_pixel, x_of_pixel, :].reshape(-1).copy()
    u = splitmix_uniforms(seed, lam.size)
    cdf = q.copy()
    k = np.zeros(lam.size, dtype=np.int64)
    for step in range(1, MAX_COUNT + 1):
        active = np.nonzero(u > cdf)[0]
        if active.size == 0:
            break
        q[active] = q[active] * lam[active] / float(step)
        cdf[active] = cdf[active] + q[active]
        k[active] = step
    return k.reshape(height, width, channels), phases


def checksums(counts):
    """(total counts, sum of index * count over the pixel-major array), exact integers."""
    flat = counts.reshape(-1).astype(np.int64)
    index = np.arange(flat.size, dtype=np.int64)
    return int(flat.sum()), int((index * flat).sum())


if __name__ == "__main__":
    w, h, c, seed = (int(a) for a in sys.argv[1:5]) if len(sys.argv) >= 5 else (64, 64, 512, 6)
    counts, phases = generate(w, h, c, seed)
    print("size", w, h, c, "seed", seed, "checksums", checksums(counts),
          "phase sizes", np.bincount(phases.reshape(-1), minlength=PHASES).tolist(),
          "counts per pixel", counts.sum(axis=2).mean(), "max", counts.max())
