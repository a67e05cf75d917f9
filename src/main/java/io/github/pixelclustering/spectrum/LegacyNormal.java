package io.github.pixelclustering.spectrum;

/**
 * Standard normal numbers as numpy's legacy {@code RandomState(seed).normal()} draws them, so that a
 * FastICA start {@code normal(size=(n, n))} is scikit-learn's for the same {@code random_state}: the
 * Mersenne Twister MT19937 seeded by its 32-bit initialisation, doubles of 53 bits from two 32-bit
 * outputs ({@code (a >> 5) * 2^26 + (b >> 6)) / 2^53}), and the polar (Marsaglia) method, which makes
 * two numbers per accepted pair and returns the second first.
 * <p>
 * Precision: the same bits as numpy except where Java's {@code Math.log} and C's {@code log} round
 * differently (at most one unit in the last place of a number). Not thread-safe: one per draw.
 *
 * <h2>References</h2> M. Matsumoto, T. Nishimura, "Mersenne Twister: a 623-dimensionally
 * equidistributed uniform pseudo-random number generator", ACM TOMACS 8(1), 1998. G. Marsaglia,
 * T. A. Bray, "A convenient method for generating normal variables", SIAM Review 6(3), 1964.
 */
public final class LegacyNormal {

	private static final int N = 624;
	private static final int M = 397;

	private final int[] state = new int[N];
	private int position;
	private boolean hasSpare;
	private double spare;

	/**
	 * @param seed numpy's {@code RandomState(seed)} seed; only its lowest 32 bits are used (numpy
	 *        accepts 0..2^32 - 1)
	 */
	public LegacyNormal(final long seed) {
		state[0] = (int) seed;
		for (int i = 1; i < N; i++)
			state[i] = 1812433253 * (state[i - 1] ^ (state[i - 1] >>> 30)) + i;
		position = N;
	}

	/** @return the next 32 bits of MT19937, as an unsigned value in a long */
	long nextInt32() {
		if (position >= N) {
			for (int k = 0; k < N; k++) {
				final int y = (state[k] & 0x80000000) | (state[(k + 1) % N] & 0x7fffffff);
				state[k] = state[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
			}
			position = 0;
		}
		int y = state[position++];
		y ^= y >>> 11;
		y ^= (y << 7) & 0x9d2c5680;
		y ^= (y << 15) & 0xefc60000;
		y ^= y >>> 18;
		return y & 0xffffffffL;
	}

	/** @return a double in [0, 1) with 53 random bits, numpy's {@code random_sample()} */
	public double nextDouble() {
		final long a = nextInt32() >>> 5, b = nextInt32() >>> 6;
		return (a * 67108864.0 + b) / 9007199254740992.0;
	}

	/** @return a standard normal number, numpy's legacy {@code normal()} */
	public double nextGaussian() {
		if (hasSpare) {
			hasSpare = false;
			return spare;
		}
		double x1, x2, r2;
		do {
			x1 = 2.0 * nextDouble() - 1.0;
			x2 = 2.0 * nextDouble() - 1.0;
			r2 = x1 * x1 + x2 * x2;
		}
		while (r2 >= 1.0 || r2 == 0.0);
		final double f = Math.sqrt(-2.0 * Math.log(r2) / r2);
		spare = f * x1;
		hasSpare = true;
		return f * x2;
	}

	/**
	 * @param seed numpy's seed (lowest 32 bits)
	 * @param rows r
	 * @param columns c
	 * @return {@code RandomState(seed).normal(size=(r, c))}, row-major
	 */
	public static double[] matrix(final long seed, final int rows, final int columns) {
		final LegacyNormal random = new LegacyNormal(seed);
		final double[] out = new double[rows * columns];
		for (int i = 0; i < out.length; i++)
			out[i] = random.nextGaussian();
		return out;
	}
}
