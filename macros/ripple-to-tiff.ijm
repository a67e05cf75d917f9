// ripple-to-tiff.ijm - Pixel Clustering batch macro
//
// Imports every Lispix ripple spectrum image (<name>.rpl header + <name>.raw data, as Lispix, DTSA-II
// and HyperSpy write them) of an input folder with File > Import > Ripple Spectrum Image (.rpl/.raw) and
// saves it as <name>.tif into the output folder: one slice per channel, with the header's calibration
// (pixel size and units, energy scale, origin and units as the z calibration) and the header in the
// image's Info. A file that cannot be read stops the macro with a message naming the file, line and key.
//
// Argument: key=value pairs in macro-option style (a path with spaces goes in [brackets]):
//   input=<folder> output=<folder>    (the output folder is created if its parent exists)
//
// Headless Fiji (the launcher's name depends on your platform and Fiji version):
//   <Fiji launcher> --headless --console -macro macros/ripple-to-tiff.ijm "input=[/data/maps] output=[/data/tiff]"
// Without Fiji, with the Pixel Clustering command line:
//   java -jar target/pixel-clustering-0.1.0-SNAPSHOT-cli.jar macro macros/ripple-to-tiff.ijm "input=[maps] output=[tiff]"

argument = getArgument();
input = value(argument, "input", "");
output = value(argument, "output", "");

if (input == "" || output == "")
	exit("ripple-to-tiff.ijm needs input=<folder> output=<folder>, got: " + argument);
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
	if (File.isDirectory(path) || !endsWith(toLowerCase(files[i]), ".rpl"))
		continue;
	run("Ripple Spectrum Image (.rpl/.raw)", "open=[" + path + "]");
	name = File.getNameWithoutExtension(getTitle());
	saveAs("Tiff", output + name + ".tif");
	print("Imported " + files[i] + ": " + getWidth() + " x " + getHeight() + " pixels x " + nSlices + " channels, " + bitDepth() + "-bit");
	close();
	done++;
}
print("ripple-to-tiff.ijm: imported " + done + " ripple files into " + output);

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
