// apply-model.ijm - Pixel Clustering batch macro
//
// Labels every image of an input folder with a model saved by a clustering command (save_model=...),
// through Plugins > Pixel Clustering > Apply Clustering Model, so all the images share the model's
// clusters, numbering, palette and LUT. For each image <name>.<ext> it saves into the output folder:
//   <name>-labels.tif     cluster of every pixel, numbered as in the model
//   and, for a Colour Quantization model:
//   <name>-quantized.tif  every pixel replaced by its cluster's colour in the model's palette
//   <name>-clusters.csv   label, colour, pixel count and fraction of each cluster in this image
// Every file is accounted for, one line each: an image that cannot be used (unreadable, truncated, ...)
// is skipped with the reason and the batch goes on; an image of a kind the model cannot describe (a grey
// image for a colour model) is left out with what the model expects; files that are not images are
// listed once. The last line counts them; on the command line the exit code is 1 when a
// file was skipped. A model file that cannot be read stops the macro before any image (exit code 2).
//
// Argument: key=value pairs in macro-option style (a path with spaces goes in [brackets]):
//   input=<folder> output=<folder> model=<file.json>    (the output folder is made with its parents)
//
// Headless Fiji (the launcher's name depends on your platform and Fiji version):
//   <Fiji launcher> --headless --console -macro macros/apply-model.ijm "input=[/data/in] output=[/data/out] model=[/data/model.json]"
// Without Fiji, with the Pixel Clustering command line:
//   java -jar target/pixel-clustering-0.1.0-SNAPSHOT-cli.jar macro macros/apply-model.ijm "input=[in] output=[out] model=[model.json]"

// the shared helpers (one tested Java implementation for every batch macro) and our commands' cancel reasons
var B = "io.github.pixelclustering.headless.BatchMacros.";
var C = "io.github.pixelclustering.commands.LastCancel.";

argument = getArgument();
call(B + "check", argument, "apply-model.ijm", "input! output! model!");
input = call(B + "value", argument, "input", "");
output = call(B + "value", argument, "output", "");
model = call(B + "value", argument, "model", "");
about = call(B + "checkModel", model);
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
	name = File.getNameWithoutExtension(title);
	problem = call(B + "modelProblem", model, title);
	if (problem != "") {
		print("Left out " + file + ": " + problem + ".");
		leftOut++;
		close();
		continue;
	}
	call(C + "clear");
	run("Apply Clustering Model", "image=[" + title + "] model=[" + model + "] overlay=false roi_manager=false");
	if (!isOpen(name + "-labels")) {
		print("Skipped " + file + ": " + call(C + "reason"));
		skipped++;
		selectImage(image);
		close();
		continue;
	}
	// each output is written under a temporary name and moved into place when complete
	call(B + "save", name + "-labels", output + name + "-labels.tif");
	close(name + "-labels");
	if (isOpen(name + "-quantized")) {
		call(B + "save", name + "-quantized", output + name + "-quantized.tif");
		call(B + "save", name + "-clusters", output + name + "-clusters.csv");
		close(name + "-quantized");
	}
	selectImage(image);
	close();
	done++;
}
if (others != "")
	print("Not images, left alone: " + substring(others, 2));
print("apply-model.ijm: " + done + " done, " + skipped + " skipped, " + leftOut + " left out; model " + about + ", outputs in " + output);
call(B + "finish", "" + skipped);
