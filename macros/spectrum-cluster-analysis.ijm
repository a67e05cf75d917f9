// spectrum-cluster-analysis.ijm - Pixel Clustering batch macro
//
// Finds the phases of every spectrum image (a TIFF stack whose slices are the energy channels) of an
// input folder with Plugins > Pixel Clustering > Spectrum Image Cluster Analysis (HyperSpy's
// decomposition + cluster_analysis) and saves, for each image <name>.tif, into the output folder:
//   <name>-labels.tif           cluster of every pixel (1 = the largest cluster)
//   <name>-distances.tif        32-bit stack, slice k: every pixel's distance to cluster centre k
//   <name>-cluster-spectra.png  plot of the cluster mean spectra
//   <name>-cluster-spectra.csv  energy, then the sum, mean and centroid spectrum of every cluster
// With clusters=auto the number of clusters is estimated first with Plugins > Pixel Clustering >
// Estimate Number of Clusters (metric=gap|elbow|silhouette) and also saved:
//   <name>-cluster-metric.png   plot of the metric against k, the estimate marked
// Every file is accounted for, one line each: a spectrum image that cannot be used (unreadable,
// truncated, fewer pixels than clusters, ...) is skipped with the reason and the batch goes on; a
// single image is left out (no energy axis); files that are not TIFF images are listed once. The last
// line counts them; on the command line the exit code is 1 when a file was skipped.
//
// Argument: key=value pairs in macro-option style (a path with spaces goes in [brackets]):
//   input=<folder> output=<folder>    (the output folder is made with its parents)
//   optional: clusters=<k>|auto (default 4)
//             source=decomposition|signal|bss components=<n>|auto poisson=true|false preprocessing=norm|standard|minmax|none
//             algorithm=k-means|mini-batch|agglomerative|spectral restarts=<n> seed=<n> init=k-means++|random
//             energy_min=<e> energy_max=<e>, and with clusters=auto: metric=gap|elbow|silhouette max_clusters=<largest k tried, default 10>
//
// Headless Fiji (the launcher's name depends on your platform and Fiji version):
//   <Fiji launcher> --headless --console -macro macros/spectrum-cluster-analysis.ijm "input=[/data/in] output=[/data/out] clusters=4"
// Without Fiji, with the Pixel Clustering command line:
//   java -jar target/pixel-clustering-0.1.0-SNAPSHOT-cli.jar macro macros/spectrum-cluster-analysis.ijm "input=[in] output=[out] clusters=auto"

// the shared helpers (one tested Java implementation for every batch macro) and our commands' cancel reasons
var B = "io.github.pixelclustering.headless.BatchMacros.";
var C = "io.github.pixelclustering.commands.LastCancel.";

argument = getArgument();
call(B + "check", argument, "spectrum-cluster-analysis.ijm", "input! output! clusters source components poisson preprocessing algorithm restarts seed init energy_min energy_max metric max_clusters");
input = call(B + "value", argument, "input", "");
output = call(B + "value", argument, "output", "");
clusters = call(B + "value", argument, "clusters", "4");
source = call(B + "value", argument, "source", "decomposition");
components = call(B + "value", argument, "components", "5");
poisson = call(B + "value", argument, "poisson", "false");
preprocessing = call(B + "value", argument, "preprocessing", "norm");
algorithm = call(B + "value", argument, "algorithm", "k-means");
restarts = call(B + "value", argument, "restarts", "0");
seed = call(B + "value", argument, "seed", "0");
init = call(B + "value", argument, "init", "k-means++");
energyMin = call(B + "value", argument, "energy_min", "0");
energyMax = call(B + "value", argument, "energy_max", "0");
metric = call(B + "value", argument, "metric", "gap");
maxClusters = call(B + "value", argument, "max_clusters", "10");
call(B + "checkInput", input);
call(B + "makeFolder", output);
input = call(B + "folder", input);
output = call(B + "folder", output);

setBatchMode(true);
files = getFileList(input);
done = 0;
skipped = 0;
leftOut = 0;
others = "";
for (i = 0; i < files.length; i++) {
	file = files[i];
	if (startsWith(file, ".") || File.isDirectory(input + file))
		continue;
	lower = toLowerCase(file);
	if (!endsWith(lower, ".tif") && !endsWith(lower, ".tiff")) {
		others = others + ", " + file;
		continue;
	}
	problem = call(B + "unusable", input + file);
	if (problem != "") {
		print("Skipped " + file + ": " + problem + ".");
		skipped++;
		continue;
	}
	open(input + file);
	image = getImageID();
	title = getTitle();
	getDimensions(width, height, channels, slices, frames);
	if (channels * slices * frames < 2) {
		print("Left out " + file + ": a single image, not a spectrum image (no energy axis).");
		leftOut++;
		close();
		continue;
	}
	name = File.getNameWithoutExtension(title);
	features = " source=" + source + " components=" + components + " poisson=" + poisson + " preprocessing=" + preprocessing
		+ " algorithm=" + algorithm + " connectivity=none restarts=" + restarts + " seed=" + seed + " init=" + init
		+ " energy_min=" + energyMin + " energy_max=" + energyMax + " energy_offset=0 energy_scale=0 energy_unit=keV mask=<none>";
	k = clusters;
	call(C + "clear");
	if (clusters == "auto") {
		run("Estimate Number of Clusters", "image=[" + title + "] max_clusters=" + maxClusters + " metric=" + metric + features + " analyse=false");
		if (!isOpen(name + "-cluster-metric")) {
			print("Skipped " + file + ": " + call(C + "reason"));
			skipped++;
			selectImage(image);
			close();
			continue;
		}
		table = name + "-cluster-estimate";
		if (isOpen(table))
			k = Table.get("estimate", 0, table); // Fiji with a display: the table has its own window
		else
			k = getResult("estimate", 0); // headless: it is the Results table
		k = d2s(k, 0);
		call(B + "save", name + "-cluster-metric", output + name + "-cluster-metric.png");
		close(name + "-cluster-metric");
		print(file + ": estimated " + k + " clusters (" + metric + ")");
		selectImage(image);
	}
	run("Spectrum Image Cluster Analysis", "image=[" + title + "] clusters=" + k + " distance_threshold=0" + features
		+ " centres_from=<input> signal=mean scree=false factors=0 overlay=false roi_manager=false");
	if (!isOpen(name + "-labels")) {
		print("Skipped " + file + ": " + call(C + "reason"));
		skipped++;
		selectImage(image);
		close();
		continue;
	}
	// each output is written under a temporary name and moved into place when complete
	call(B + "save", name + "-labels", output + name + "-labels.tif");
	call(B + "save", name + "-distances", output + name + "-distances.tif");
	call(B + "save", name + "-cluster-spectra", output + name + "-cluster-spectra.png");
	call(B + "save", name + "-cluster-spectra", output + name + "-cluster-spectra.csv");
	close(name + "-labels");
	close(name + "-distances");
	close(name + "-cluster-spectra");
	selectImage(image);
	close();
	done++;
}
if (others != "")
	print("Not TIFF images, left alone: " + substring(others, 2));
print("spectrum-cluster-analysis.ijm: " + done + " done, " + skipped + " skipped, " + leftOut + " left out; outputs in " + output);
call(B + "finish", "" + skipped);
