// ripple-to-tiff.ijm - Pixel Clustering batch macro
//
// Imports every Lispix ripple spectrum image (<name>.rpl header + <name>.raw data, as Lispix, DTSA-II
// and HyperSpy write them) of an input folder with File > Import > Ripple Spectrum Image (.rpl/.raw) and
// saves it as <name>.tif into the output folder: one slice per channel, with the header's calibration
// (pixel size and units, energy scale, origin and units as the z calibration) and the header in the
// image's Info. A ripple file that cannot be read is skipped with a line naming the file, line and key,
// and the batch goes on; other files are listed once. The last line counts them; on the command line
// the exit code is 1 when a file was skipped.
//
// Argument: key=value pairs in macro-option style (a path with spaces goes in [brackets]):
//   input=<folder> output=<folder>    (the output folder is made with its parents)
//
// Headless Fiji (the launcher's name depends on your platform and Fiji version):
//   <Fiji launcher> --headless --console -macro macros/ripple-to-tiff.ijm "input=[/data/maps] output=[/data/tiff]"
// Without Fiji, with the Pixel Clustering command line:
//   java -jar target/pixel-clustering-0.1.0-SNAPSHOT-cli.jar macro macros/ripple-to-tiff.ijm "input=[maps] output=[tiff]"

// the shared helpers (one tested Java implementation for every batch macro) and our commands' cancel reasons
var B = "io.github.pixelclustering.headless.BatchMacros.";
var C = "io.github.pixelclustering.commands.LastCancel.";

argument = getArgument();
call(B + "check", argument, "ripple-to-tiff.ijm", "input! output!");
input = call(B + "value", argument, "input", "");
output = call(B + "value", argument, "output", "");
call(B + "checkInput", input);
call(B + "makeFolder", output);
input = call(B + "folder", input);
output = call(B + "folder", output);

setBatchMode(true);
files = getFileList(input);
done = 0;
skipped = 0;
others = "";
for (i = 0; i < files.length; i++) {
	file = files[i];
	if (startsWith(file, ".") || File.isDirectory(input + file))
		continue;
	lower = toLowerCase(file);
	if (!endsWith(lower, ".rpl")) {
		if (!endsWith(lower, ".raw"))
			others = others + ", " + file;
		continue;
	}
	call(C + "clear");
	before = nImages;
	run("Ripple Spectrum Image (.rpl/.raw)", "open=[" + input + file + "]");
	if (nImages == before) {
		print("Skipped " + file + ": " + call(C + "reason"));
		skipped++;
		continue;
	}
	name = File.getNameWithoutExtension(getTitle());
	title = getTitle();
	print("Imported " + file + ": " + getWidth() + " x " + getHeight() + " pixels x " + nSlices + " channels, " + bitDepth() + "-bit");
	call(B + "save", title, output + name + ".tif");
	close();
	done++;
}
if (others != "")
	print("Not ripple files, left alone: " + substring(others, 2));
print("ripple-to-tiff.ijm: " + done + " done, " + skipped + " skipped; outputs in " + output);
call(B + "finish", "" + skipped);
