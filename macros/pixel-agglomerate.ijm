// pixel-agglomerate.ijm - Pixel Clustering batch macro
//
// Groups the pixels of every image of an input folder into k spatially connected clusters with
// Plugins > Pixel Clustering > Pixel Agglomeration (Ward by default) and saves, for each image
// <name>.<ext>, into the output folder:
//   <name>-labels.tif        cluster of every pixel (1 = largest cluster); a stack in 3D
//   <name>-agglomerated.tif  every pixel's profile replaced by its cluster's mean profile
//   <name>-reduced.tif       32-bit, k columns x samples rows: the mean of every cluster in every sample
//   <name>-clusters.csv      label, size, fraction and centroid of each cluster
// Every file is accounted for, one line each: an image that cannot be used (unreadable, truncated,
// fewer pixels than clusters, ...) is skipped with the reason and the batch goes on; files that are
// not images are listed once. The last line counts them; on the command line the exit code is 1 when
// a file was skipped.
//
// Argument: key=value pairs in macro-option style (a path with spaces goes in [brackets]):
//   input=<folder> output=<folder>    (the output folder is made with its parents)
//   optional: clusters=<k, default 100> method=ward|hkmeans|kmeans samples=auto|slices|frames|channels
//             distance_threshold=<t> (ward, with clusters=0: cut the tree by distance; default 0 = unused)
//             dimensions=2D|3D connectivity=4|8|6|18|26 (default 4, or 6 in 3D), and for hkmeans /
//             kmeans: batch_size=<n> restarts=<n> max_no_improvement=<n> seed=<n> init=k-means++|random
//             lloyd_iterations=<n> scaling=true|false connected=true|false
//
// Headless Fiji (the launcher's name depends on your platform and Fiji version):
//   <Fiji launcher> --headless --console -macro macros/pixel-agglomerate.ijm "input=[/data/in] output=[/data/out] clusters=100"
// Without Fiji, with the Pixel Clustering command line:
//   java -jar target/pixel-clustering-0.1.0-SNAPSHOT-cli.jar macro macros/pixel-agglomerate.ijm "input=[in] output=[out] clusters=100"

// the shared helpers (one tested Java implementation for every batch macro) and our commands' cancel reasons
var B = "io.github.pixelclustering.headless.BatchMacros.";
var C = "io.github.pixelclustering.commands.LastCancel.";

argument = getArgument();
call(B + "check", argument, "pixel-agglomerate.ijm", "input! output! clusters distance_threshold method samples dimensions connectivity batch_size restarts max_no_improvement seed init lloyd_iterations scaling connected");
input = call(B + "value", argument, "input", "");
output = call(B + "value", argument, "output", "");
clusters = call(B + "value", argument, "clusters", "100");
distanceThreshold = call(B + "value", argument, "distance_threshold", "0");
method = call(B + "value", argument, "method", "ward");
samples = call(B + "value", argument, "samples", "auto");
dimensions = call(B + "value", argument, "dimensions", "2D");
connectivity = "4";
if (dimensions == "3D")
	connectivity = "6";
connectivity = call(B + "value", argument, "connectivity", connectivity);
batchSize = call(B + "value", argument, "batch_size", "1000");
restarts = call(B + "value", argument, "restarts", "10");
maxNoImprovement = call(B + "value", argument, "max_no_improvement", "10");
seed = call(B + "value", argument, "seed", "0");
init = call(B + "value", argument, "init", "k-means++");
lloydIterations = call(B + "value", argument, "lloyd_iterations", "2");
scaling = call(B + "value", argument, "scaling", "false");
connected = call(B + "value", argument, "connected", "false");
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
	if (call(B + "isImageName", file) == "0") {
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
	name = File.getNameWithoutExtension(title);
	call(C + "clear");
	run("Pixel Agglomeration", "image=[" + title + "] clusters=" + clusters + " distance_threshold=" + distanceThreshold + " method=" + method + " samples=" + samples
		+ " dimensions=" + dimensions + " connectivity=" + connectivity + " mask=<none> batch_size=" + batchSize + " restarts=" + restarts
		+ " max_no_improvement=" + maxNoImprovement + " seed=" + seed + " init=" + init + " lloyd_iterations=" + lloydIterations
		+ " scaling=" + scaling + " connected=" + connected + " overlay=false roi_manager=false");
	if (!isOpen(name + "-agglomerated")) {
		print("Skipped " + file + ": " + call(C + "reason"));
		skipped++;
		close(name + "-*");
		selectImage(image);
		close();
		continue;
	}
	// each output is written under a temporary name and moved into place when complete
	outputs = newArray("labels", "agglomerated", "reduced");
	for (o = 0; o < outputs.length; o++)
		call(B + "save", name + "-" + outputs[o], output + name + "-" + outputs[o] + ".tif");
	call(B + "save", name + "-clusters", output + name + "-clusters.csv");
	for (o = 0; o < outputs.length; o++)
		close(name + "-" + outputs[o]);
	selectImage(image);
	close();
	done++;
}
if (others != "")
	print("Not images, left alone: " + substring(others, 2));
print("pixel-agglomerate.ijm: " + done + " done, " + skipped + " skipped; " + clusters + " clusters, outputs in " + output);
call(B + "finish", "" + skipped);
