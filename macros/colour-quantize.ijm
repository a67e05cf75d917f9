// colour-quantize.ijm - Pixel Clustering batch macro
//
// Reduces every RGB or multichannel image of an input folder to k colours with Plugins > Pixel
// Clustering > Colour Quantization and saves, for each image <name>.<ext>, into the output folder:
//   <name>-labels.tif     cluster of every pixel (1 = largest cluster)
//   <name>-quantized.tif  every pixel replaced by its cluster's mean colour
//   <name>-clusters.csv   label, mean colour, pixel count and fraction of each cluster
// Every file is accounted for, one line each: an image that cannot be used (unreadable, truncated,
// fewer colours than clusters, ...) is skipped with the reason and the batch goes on; a grey image is
// left out (not RGB or multichannel); files that are not images are listed once. The last line counts
// them; on the command line the exit code is 1 when a file was skipped.
//
// Argument: key=value pairs in macro-option style (a path with spaces goes in [brackets]):
//   input=<folder> output=<folder>    (the output folder is made with its parents)
//   optional: clusters=<k, default 8> method=k-means|mini-batch space=RGB|CIELAB restarts=<n, 0 = auto> seed=<n>
//             init=k-means++|random
//
// Headless Fiji (the launcher's name depends on your platform and Fiji version):
//   <Fiji launcher> --headless --console -macro macros/colour-quantize.ijm "input=[/data/in] output=[/data/out] clusters=8"
// Without Fiji, with the Pixel Clustering command line:
//   java -jar target/pixel-clustering-0.1.0-SNAPSHOT-cli.jar macro macros/colour-quantize.ijm "input=[in] output=[out] clusters=8"

// the shared helpers (one tested Java implementation for every batch macro) and our commands' cancel reasons
var B = "io.github.pixelclustering.headless.BatchMacros.";
var C = "io.github.pixelclustering.commands.LastCancel.";

argument = getArgument();
call(B + "check", argument, "colour-quantize.ijm", "input! output! clusters method space restarts seed init");
input = call(B + "value", argument, "input", "");
output = call(B + "value", argument, "output", "");
clusters = call(B + "value", argument, "clusters", "8");
method = call(B + "value", argument, "method", "k-means");
space = call(B + "value", argument, "space", "RGB");
restarts = call(B + "value", argument, "restarts", "0");
seed = call(B + "value", argument, "seed", "0");
init = call(B + "value", argument, "init", "k-means++");
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
	if (bitDepth() != 24 && channels < 2) {
		print("Left out " + file + ": one channel (a grey image or stack); Colour Quantization needs an RGB or multichannel image.");
		leftOut++;
		close();
		continue;
	}
	name = File.getNameWithoutExtension(title);
	call(C + "clear");
	run("Colour Quantization", "image=[" + title + "] clusters=" + clusters + " method=" + method + " space=" + space
		+ " restarts=" + restarts + " seed=" + seed + " init=" + init + " overlay=false roi_manager=false");
	if (!isOpen(name + "-quantized")) {
		print("Skipped " + file + ": " + call(C + "reason"));
		skipped++;
		selectImage(image);
		close();
		continue;
	}
	// each output is written under a temporary name and moved into place when complete
	call(B + "save", name + "-labels", output + name + "-labels.tif");
	call(B + "save", name + "-quantized", output + name + "-quantized.tif");
	call(B + "save", name + "-clusters", output + name + "-clusters.csv");
	close(name + "-labels");
	close(name + "-quantized");
	selectImage(image);
	close();
	done++;
}
if (others != "")
	print("Not images, left alone: " + substring(others, 2));
print("colour-quantize.ijm: " + done + " done, " + skipped + " skipped, " + leftOut + " left out; " + clusters + " colours, outputs in " + output);
call(B + "finish", "" + skipped);
