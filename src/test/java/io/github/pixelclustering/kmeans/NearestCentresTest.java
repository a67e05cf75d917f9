package io.github.pixelclustering.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.github.pixelclustering.core.FeatureMatrix;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.TaskRunner;
import io.github.pixelclustering.testutil.SmoothNoise;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link NearestCentres}: the fit's own labels back, for k-means and for mini-batch k-means, short and long rows. */
class NearestCentresTest {

	private static int[] predict(final NearestCentres search, final FeatureMatrix x) {
		final int[] out = new int[x.rows()];
		for (int i = 0; i < out.length; i++)
			out[i] = search.nearest(x.data(), i);
		return out;
	}

	@ParameterizedTest
	@CsvSource({ "3, 0", "3, 2", "12, 0", "16, 0", "16, 2", "40, 0", "40, 3" })
	void everyTrainingRowGetsItsFitsLabel(final int features, final int lloyd) {
		final FeatureMatrix x = new FeatureMatrix(SmoothNoise.pixelMajor(48, 40, 1, features, features + lloyd, 2), 48 * 40, features);
		final KMeansResult miniBatch = MiniBatchKMeans.fit(x, null, MiniBatchSettings.builder(17).batchSize(256).restarts(2).seed(5).lloydIterations(lloyd).build(), TaskRunner.SEQUENTIAL, ProgressListener.NONE);
		assertArrayEquals(miniBatch.labels(), predict(NearestCentres.ofMiniBatch(miniBatch.centres(), 17), x), "mini-batch");
		final KMeansResult kmeans = KMeans.fit(x, null, KMeansSettings.builder(17).restarts(2).seed(5).build(), TaskRunner.SEQUENTIAL, ProgressListener.NONE);
		assertArrayEquals(kmeans.labels(), predict(new NearestCentres(kmeans.centres(), 17), x), "k-means");
	}
}
