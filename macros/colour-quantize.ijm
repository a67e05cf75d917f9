// colour-quantize.ijm - Pixel Clustering batch macro
//
// Reduces every image of an input folder to k colours with Plugins > Pixel Clustering > Colour
// Quantization and saves, for each image <name>.<ext>, into the output folder:
//   <name>-labels.tif     cluster of every pixel (1 = largest cluster)
//   <name>-quantized.tif  every pixel replaced by its cluster's mean colour
//   <name>-clusters.csv   label, mean colour, pixel count and fraction of each cluster
// Images that are not RGB or multichannel are skipped with a note.
//
// Argument: key=value pairs in macro-option style (a path with spaces goes in [brackets]):
//   input=<folder> output=<folder> clusters=<k>    (the output folder is created if its parent exists)
//   optional: method=k-means|mini-batch space=RGB|CIELAB restarts=<n, 0 = auto> seed=<n>
//
// Headless Fiji (the launcher's name depends on your platform and Fiji version):
//   <Fiji launcher> --headless --console -macro macros/colour-quantize.ijm "input=[/data/in] output=[/data/out] clusters=8"
// Without Fiji, with the Pixel Clustering command line:
//   java -jar target/pixel-clustering-0.1.0-SNAPSHOT-cli.jar macro macros/colour-quantize.ijm "input=[in] output=[out] clusters=8"

argument = getArgument();
input = value(argument, "input", "");
output = value(argument, "output", "");
clusters = value(argument, "clusters", "8");
method = value(argument, "method", "k-means");
space = value(argument, "space", "RGB");
restarts = value(argument, "restarts", "0");
seed = value(argument, "seed", "0");

if (input == "" || output == "")
	exit("colour-quantize.ijm needs input=<folder> output=<folder>, got: " + argument);
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
	if (bitDepth() != 24 && channels < 2) {
		print("Skipped " + files[i] + ": Colour Quantization needs an RGB or multichannel image.");
		close();
		continue;
	}
	name = File.getNameWithoutExtension(title);
	run("Colour Quantization", "image=[" + title + "] clusters=" + clusters + " method=" + method + " space=" + space
		+ " restarts=" + restarts + " seed=" + seed + " overlay=false roi_manager=false");
	selectImage(name + "-labels");
	saveAs("Tiff", output + name + "-labels.tif");
	close();
	selectImage(name + "-quantized");
	saveAs("Tiff", output + name + "-quantized.tif");
	close();
	table = name + "-clusters";
	if (isOpen(table))
		Table.save(output + table + ".csv", table); // Fiji with a display: the table has its own window
	else
		Table.save(output + table + ".csv"); // headless: it is the Results table
	selectImage(image);
	close();
	done++;
}
print("colour-quantize.ijm: quantized " + done + " images to " + clusters + " colours in " + output);

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
