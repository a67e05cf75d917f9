package io.github.pixelclustering.spectrum;

/**
 * A preprocessing written by the user, in place of {@link Preprocessing}: HyperSpy's
 * {@code cluster_analysis(preprocessing=obj)}, which takes any object with {@code fit_transform}.
 * <p>
 * A functional interface, so a Groovy closure ({@code { x, n, d -> ... } as UserPreprocessing}, or a
 * closure passed where one is expected) and a Jython function ({@code lambda x, n, d: ...}) are one.
 * It is called once, on the features of the pixels analysed; the pixels may be transformed into another
 * number of features (any positive multiple of the number of pixels). A model cannot be saved with it:
 * the function is not written to the file.
 */
@FunctionalInterface
public interface UserPreprocessing {

	/**
	 * Fits the preprocessing to the features and transforms them.
	 *
	 * @param features row-major n x d features (a copy: it may be changed and returned)
	 * @param pixels n
	 * @param dimensions d
	 * @return the transformed features, row-major n x d' with d' >= 1, finite
	 */
	double[] fitTransform(double[] features, int pixels, int dimensions);
}
