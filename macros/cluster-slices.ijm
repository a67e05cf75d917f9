// cluster-slices.ijm - Pixel Clustering batch macro
//
// Clusters the slices (or frames) of every stack of an input folder with Plugins > Pixel Clustering >
// Cluster Slices (k-means; each slice is one sample, its pixels the features) and saves, for each stack
// <name>.<ext>, into the output folder:
//   <name>-slices.csv      slice, cluster (1 = the most slices) and distance to the cluster's centre
//   <name>-centres.tif     one image per cluster: the mean of its slices
//   <name>-by-cluster.tif  with reorder=true: the slices ordered by cluster, most typical first
// Single images (one slice) are skipped with a note.
//
// Argument: key=value pairs in macro-option style (a path with spaces goes in [brackets]):
//   input=<folder> output=<folder> clusters=<k>    (the output folder is created if its parent exists)
//   optional: method=k-means|mini-batch restarts=<n, 0 = auto> seed=<n> reorder=true|false
//
// Headless Fiji (the launcher's name depends on your platform and Fiji version):
//   <Fiji launcher> --headless --console -macro macros/cluster-slices.ijm "input=[/data/in] output=[/data/out] clusters=10"
// Without Fiji, with the Pixel Clustering command line:
//   java -jar target/pixel-clustering-0.1.0-SNAPSHOT-cli.jar macro macros/cluster-slices.ijm "input=[in] output=[out] clusters=10"

argument = getArgument();
input = value(argument, "input", "");
output = value(argument, "output", "");
clusters = value(argument, "clusters", "10");
method = value(argument, "method", "k-means");
restarts = value(argument, "restarts", "0");
seed = value(argument, "seed", "0");
reorder = value(argument, "reorder", "false");

if (input == "" || output == "")
	exit("cluster-slices.ijm needs input=<folder> output=<folder>, got: " + argument);
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
	if (File.isDirectory(path) || !isImageFile(files[i]))
		continue;
	open(path);
	image = getImageID();
	title = getTitle();
	getDimensions(width, height, channels, slices, frames);
	if (slices * frames < 2) {
		print("Skipped " + files[i] + ": Cluster Slices needs a stack.");
		close();
		continue;
	}
	name = File.getNameWithoutExtension(title);
	run("Cluster Slices", "image=[" + title + "] clusters=" + clusters + " method=" + method + " restarts=" + restarts
		+ " seed=" + seed + " mask=<none> reorder=" + reorder);
	selectImage(name + "-centres");
	saveAs("Tiff", output + name + "-centres.tif");
	close();
	if (reorder == "true") {
		selectImage(name + "-by-cluster");
		saveAs("Tiff", output + name + "-by-cluster.tif");
		close();
	}
	table = name + "-slices";
	if (isOpen(table))
		Table.save(output + table + ".csv", table); // Fiji with a display: the table has its own window
	else
		Table.save(output + table + ".csv"); // headless: it is the Results table
	selectImage(image);
	close();
	done++;
}
print("cluster-slices.ijm: clustered the slices of " + done + " stacks into " + clusters + " clusters in " + output);

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

function isImageFile(name) {
	name = toLowerCase(name);
	extensions = newArray(".tif", ".tiff", ".png", ".jpg", ".jpeg", ".gif", ".bmp");
	for (e = 0; e < extensions.length; e++)
		if (endsWith(name, extensions[e]))
			return true;
	return false;
}
