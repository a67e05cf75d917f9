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
// Images that are not stacks are skipped with a note.
//
// Argument: key=value pairs in macro-option style (a path with spaces goes in [brackets]):
//   input=<folder> output=<folder> clusters=<k>|auto    (the output folder is created if its parent exists)
//   optional: source=decomposition|signal components=<n> poisson=true|false preprocessing=norm|standard|minmax|none
//             algorithm=k-means|mini-batch|agglomerative|spectral restarts=<n> seed=<n>
//             energy_min=<e> energy_max=<e>, and with clusters=auto: metric=gap|elbow|silhouette max_k=<largest k tried>
//
// Headless Fiji (the launcher's name depends on your platform and Fiji version):
//   <Fiji launcher> --headless --console -macro macros/spectrum-cluster-analysis.ijm "input=[/data/in] output=[/data/out] clusters=4"
// Without Fiji, with the Pixel Clustering command line:
//   java -jar target/pixel-clustering-0.1.0-SNAPSHOT-cli.jar macro macros/spectrum-cluster-analysis.ijm "input=[in] output=[out] clusters=auto"

argument = getArgument();
input = value(argument, "input", "");
output = value(argument, "output", "");
clusters = value(argument, "clusters", "4");
source = value(argument, "source", "decomposition");
components = value(argument, "components", "5");
poisson = value(argument, "poisson", "false");
preprocessing = value(argument, "preprocessing", "norm");
algorithm = value(argument, "algorithm", "k-means");
restarts = value(argument, "restarts", "0");
seed = value(argument, "seed", "0");
energyMin = value(argument, "energy_min", "0");
energyMax = value(argument, "energy_max", "0");
metric = value(argument, "metric", "gap");
maxClusters = value(argument, "max_k", "10");

if (input == "" || output == "")
	exit("spectrum-cluster-analysis.ijm needs input=<folder> output=<folder>, got: " + argument);
if (!File.isDirectory(input))
	exit("Input folder not found: " + input);
if (!File.isDirectory(output))
	File.makeDirectory(output);
if (!File.isDirectory(output))
	exit("Cannot create the output folder: " + output);
input = withSeparator(input);
output = withSeparator(output);

setBatchMode(true);
files = getFileList(input);
done = 0;
for (i = 0; i < files.length; i++) {
	path = input + files[i];
	if (File.isDirectory(path) || !endsWith(toLowerCase(files[i]), ".tif"))
		continue;
	open(path);
	image = getImageID();
	title = getTitle();
	getDimensions(width, height, channels, slices, frames);
	if (channels * slices * frames < 2) {
		print("Skipped " + files[i] + ": not a spectrum image (a single image, no energy axis).");
		close();
		continue;
	}
	name = File.getNameWithoutExtension(title);
	features = " source=" + source + " components=" + components + " poisson=" + poisson + " preprocessing=" + preprocessing
		+ " algorithm=" + algorithm + " connectivity=none restarts=" + restarts + " seed=" + seed
		+ " energy_min=" + energyMin + " energy_max=" + energyMax + " energy_offset=0 energy_scale=0 energy_unit=keV mask=<none>";
	k = clusters;
	if (clusters == "auto") {
		run("Estimate Number of Clusters", "image=[" + title + "] max_clusters=" + maxClusters + " metric=" + metric + features + " analyse=false");
		table = name + "-cluster-estimate";
		if (isOpen(table))
			k = Table.get("estimate", 0, table); // Fiji with a display: the table has its own window
		else
			k = getResult("estimate", 0); // headless: it is the Results table
		k = d2s(k, 0);
		selectImage(name + "-cluster-metric");
		saveAs("PNG", output + name + "-cluster-metric.png");
		close();
		print(files[i] + ": estimated " + k + " clusters (" + metric + ")");
		selectImage(image);
	}
	run("Spectrum Image Cluster Analysis", "image=[" + title + "] clusters=" + k + features
		+ " centres_from=<input> signal=mean scree=false factors=0 overlay=false roi_manager=false");
	selectImage(name + "-labels");
	saveAs("Tiff", output + name + "-labels.tif");
	close();
	selectImage(name + "-distances");
	saveAs("Tiff", output + name + "-distances.tif");
	close();
	selectImage(name + "-cluster-spectra");
	saveAs("PNG", output + name + "-cluster-spectra.png");
	close();
	table = name + "-cluster-spectra";
	if (isOpen(table))
		Table.save(output + table + ".csv", table);
	else
		Table.save(output + table + ".csv");
	selectImage(image);
	close();
	done++;
}
print("spectrum-cluster-analysis.ijm: analysed " + done + " spectrum images into " + output);

// The value of key in a macro-options string ("key=value" or "key=[value with spaces]"), else default:
// like ImageJ's Macro.getValue, a key matches only where it is not preceded by a letter.
function value(options, key, default) {
	options = " " + options + " ";
	from = 0;
	while (true) {
		at = indexOf(options, key + "=", from);
		if (at < 0)
			return default;
		before = substring(options, at - 1, at);
		if (toLowerCase(before) == toUpperCase(before))
			break;
		from = at + 1;
	}
	rest = substring(options, at + lengthOf(key) + 1);
	if (startsWith(rest, "[")) {
		end = indexOf(rest, "]");
		if (end < 0)
			exit(key + "= opens [ but never closes it: " + options);
		return substring(rest, 1, end);
	}
	return substring(rest, 0, indexOf(rest, " "));
}

function withSeparator(folder) {
	if (endsWith(folder, "/") || endsWith(folder, "\\"))
		return folder;
	return folder + File.separator;
}
