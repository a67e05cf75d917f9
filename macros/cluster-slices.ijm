// cluster-slices.ijm - Pixel Clustering batch macro
//
// Clusters the slices (or frames) of every stack of an input folder with Plugins > Pixel Clustering >
// Cluster Slices and saves, for each stack <name>.<ext>, into the output folder:
//   <name>-slices.csv        the cluster of every slice and its distance to the cluster centre
//   <name>-centres.tif       one slice per cluster: the mean of its slices
//   <name>-by-cluster.tif    with reorder=true: the stack ordered by cluster, most typical slice first
// Every file is accounted for, one line each: a stack that cannot be used (unreadable, truncated,
// fewer slices than clusters, ...) is skipped with the reason and the batch goes on; a single image is
// left out (no slices to cluster); files that are not images are listed once. The last line counts
// them; on the command line the exit code is 1 when a file was skipped.
//
// Argument: key=value pairs in macro-option style (a path with spaces goes in [brackets]):
//   input=<folder> output=<folder>    (the output folder is made with its parents)
//   optional: clusters=<k, default 10> method=k-means|mini-batch restarts=<n, 0 = auto> seed=<n> init=k-means++|random reorder=true|false
//
// Headless Fiji (the launcher's name depends on your platform and Fiji version):
//   <Fiji launcher> --headless --console -macro macros/cluster-slices.ijm "input=[/data/in] output=[/data/out] clusters=10"
// Without Fiji, with the Pixel Clustering command line:
//   java -jar target/pixel-clustering-0.1.0-SNAPSHOT-cli.jar macro macros/cluster-slices.ijm "input=[in] output=[out] clusters=10"

// the shared helpers (one tested Java implementation for every batch macro) and our commands' cancel reasons
var B = "io.github.pixelclustering.headless.BatchMacros.";
var C = "io.github.pixelclustering.commands.LastCancel.";

argument = getArgument();
call(B + "check", argument, "cluster-slices.ijm", "input! output! clusters method restarts seed init reorder");
input = call(B + "value", argument, "input", "");
output = call(B + "value", argument, "output", "");
clusters = call(B + "value", argument, "clusters", "10");
method = call(B + "value", argument, "method", "k-means");
restarts = call(B + "value", argument, "restarts", "0");
seed = call(B + "value", argument, "seed", "0");
init = call(B + "value", argument, "init", "k-means++");
reorder = call(B + "value", argument, "reorder", "false");
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
	if (slices * frames < 2) {
		print("Left out " + file + ": a single image; Cluster Slices needs a stack.");
		leftOut++;
		close();
		continue;
	}
	name = File.getNameWithoutExtension(title);
	call(C + "clear");
	run("Cluster Slices", "image=[" + title + "] clusters=" + clusters + " method=" + method + " restarts=" + restarts
		+ " seed=" + seed + " init=" + init + " mask=<none> reorder=" + reorder);
	if (!isOpen(name + "-centres")) {
		print("Skipped " + file + ": " + call(C + "reason"));
		skipped++;
		close(name + "-*");
		selectImage(image);
		close();
		continue;
	}
	// each output is written under a temporary name and moved into place when complete
	call(B + "save", name + "-centres", output + name + "-centres.tif");
	if (reorder == "true")
		call(B + "save", name + "-by-cluster", output + name + "-by-cluster.tif");
	call(B + "save", name + "-slices", output + name + "-slices.csv");
	close(name + "-centres");
	if (reorder == "true")
		close(name + "-by-cluster");
	selectImage(image);
	close();
	done++;
}
if (others != "")
	print("Not images, left alone: " + substring(others, 2));
print("cluster-slices.ijm: " + done + " done, " + skipped + " skipped, " + leftOut + " left out; " + clusters + " clusters, outputs in " + output);
call(B + "finish", "" + skipped);
