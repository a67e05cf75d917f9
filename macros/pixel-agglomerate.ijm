// pixel-agglomerate.ijm - Pixel Clustering batch macro
//
// Groups the pixels of every image of an input folder into k spatially connected clusters with
// Plugins > Pixel Clustering > Pixel Agglomeration (Ward by default) and saves, for each image <name>.<ext>, into the
// output folder:
//   <name>-labels.tif        cluster of every pixel (1 = largest cluster); a stack in 3D
//   <name>-agglomerated.tif  every pixel's profile replaced by its cluster's mean profile
//   <name>-reduced.tif       32-bit, k columns x samples rows: the mean of every cluster in every sample
//   <name>-clusters.csv      label, size, fraction and centroid of each cluster
// Images with fewer pixels than clusters are skipped with a note.
//
// Argument: key=value pairs in macro-option style (a path with spaces goes in [brackets]):
//   input=<folder> output=<folder> clusters=<k>    (the output folder is created if its parent exists)
//   optional: method=ward|hkmeans|kmeans samples=auto|slices|frames|channels dimensions=2D|3D
//             connectivity=4|8|6|18|26, and for hkmeans / kmeans: batch_size=<n> restarts=<n>
//             max_no_improvement=<n> seed=<n> init=k-means++|random lloyd_iterations=<n> scaling=true|false
//             connected=true|false
//
// Headless Fiji (the launcher's name depends on your platform and Fiji version):
//   <Fiji launcher> --headless --console -macro macros/pixel-agglomerate.ijm "input=[/data/in] output=[/data/out] clusters=100"
// Without Fiji, with the Pixel Clustering command line:
//   java -jar target/pixel-clustering-0.1.0-SNAPSHOT-cli.jar macro macros/pixel-agglomerate.ijm "input=[in] output=[out] clusters=100"

argument = getArgument();
input = value(argument, "input", "");
output = value(argument, "output", "");
clusters = value(argument, "clusters", "100");
method = value(argument, "method", "ward");
samples = value(argument, "samples", "auto");
dimensions = value(argument, "dimensions", "2D");
batchSize = value(argument, "batch_size", "1000");
restarts = value(argument, "restarts", "10");
maxNoImprovement = value(argument, "max_no_improvement", "10");
seed = value(argument, "seed", "0");
init = value(argument, "init", "k-means++");
lloydIterations = value(argument, "lloyd_iterations", "2");
scaling = value(argument, "scaling", "false");
connected = value(argument, "connected", "false");
connectivity = value(argument, "connectivity", "");
if (connectivity == "") {
	connectivity = "4";
	if (dimensions == "3D")
		connectivity = "6";
}

if (input == "" || output == "")
	exit("pixel-agglomerate.ijm needs input=<folder> output=<folder>, got: " + argument);
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
	pixels = width * height;
	if (dimensions == "3D")
		pixels = pixels * slices;
	if (pixels < parseInt(clusters)) {
		print("Skipped " + files[i] + ": " + pixels + " pixels, fewer than " + clusters + " clusters.");
		close();
		continue;
	}
	name = File.getNameWithoutExtension(title);
	run("Pixel Agglomeration", "image=[" + title + "] clusters=" + clusters + " method=" + method + " samples=" + samples
		+ " dimensions=" + dimensions + " connectivity=" + connectivity + " mask=<none> batch_size=" + batchSize + " restarts=" + restarts
		+ " max_no_improvement=" + maxNoImprovement + " seed=" + seed + " init=" + init + " lloyd_iterations=" + lloydIterations + " scaling=" + scaling + " connected=" + connected
		+ " overlay=false roi_manager=false");
	outputs = newArray("labels", "agglomerated", "reduced");
	for (o = 0; o < outputs.length; o++) {
		selectImage(name + "-" + outputs[o]);
		saveAs("Tiff", output + name + "-" + outputs[o] + ".tif");
		close();
	}
	table = name + "-clusters";
	if (isOpen(table))
		Table.save(output + table + ".csv", table); // Fiji with a display: the table has its own window
	else
		Table.save(output + table + ".csv"); // headless: it is the Results table
	selectImage(image);
	close();
	done++;
}
print("pixel-agglomerate.ijm: agglomerated " + done + " images into " + clusters + " clusters in " + output);

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
