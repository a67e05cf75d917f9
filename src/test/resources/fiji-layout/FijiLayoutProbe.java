import ij.IJ;
import ij.ImagePlus;
import ij.process.ImageStatistics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleService;
import org.scijava.Cancelable;
import org.scijava.service.Service;

/**
 * Runs inside a JVM whose class path is only the jars of a Fiji-like folder (Fiji.app/jars/*), like
 * Fiji's launcher: creates a SciJava context, lists every Pixel Clustering command with its inputs (buttons left out: they are not macro keys), and
 * runs Colour Quantization on an image through the CommandService with an ImagePlus input.
 * <p>
 * Launched from source ({@code java -cp "jars/*" FijiLayoutProbe.java <image>}), so it compiles against
 * the layout's jars only. Prints one line per command ({@code COMMAND <leaf>: <input names>}) and
 * {@code LABELS <bit depth> <min> <max> <title>}; any missing class or failure exits non-zero.
 */
public class FijiLayoutProbe {

	public static void main(final String[] args) throws Exception {
		System.setProperty("java.awt.headless", "true");
		try (Context context = new Context()) {
			final CommandService commands = context.service(CommandService.class);
			final Map<String, CommandInfo> ours = new LinkedHashMap<>();
			for (final CommandInfo info : commands.getCommands()) {
				if (info.getMenuPath() == null || info.getMenuPath().size() != 3) continue;
				if (!info.getMenuPath().get(0).getName().equals("Plugins") || !info.getMenuPath().get(1).getName().equals("Pixel Clustering")) continue;
				ours.put(info.getMenuPath().getLeaf().getName(), info);
			}
			if (ours.isEmpty()) throw new IllegalStateException("no command under Plugins > Pixel Clustering");
			for (final Map.Entry<String, CommandInfo> e : ours.entrySet()) {
				final List<String> names = new ArrayList<>();
				for (final ModuleItem<?> item : e.getValue().inputs())
					if (!Service.class.isAssignableFrom(item.getType()) && !Context.class.isAssignableFrom(item.getType()) && !org.scijava.widget.Button.class.isAssignableFrom(item.getType())) names.add(item.getName());
				System.out.println("COMMAND " + e.getKey() + ": " + String.join(" ", names));
			}
			final ImagePlus image = IJ.openImage(args[0]);
			if (image == null) throw new IllegalStateException("cannot open " + args[0]);
			final Map<String, Object> inputs = new LinkedHashMap<>();
			inputs.put("image", image);
			inputs.put("clusters", 4);
			inputs.put("method", "k-means");
			inputs.put("space", "RGB");
			inputs.put("restarts", 0);
			inputs.put("seed", 0L);
			inputs.put("init", "k-means++");
			inputs.put("overlay", false);
			inputs.put("roi_manager", false);
			final java.io.File model = java.io.File.createTempFile("fiji-layout-model", ".json");
			model.deleteOnExit();
			inputs.put("save_model", model);
			final CommandModule module = commands.run(ours.get("Colour Quantization"), true, inputs).get();
			if (module.isCanceled()) throw new IllegalStateException("canceled: " + module.getCancelReason());
			final ImagePlus labels = (ImagePlus) module.getOutput("labels");
			final ImageStatistics stats = labels.getStatistics();
			System.out.println("LABELS " + labels.getBitDepth() + " " + (int) stats.min + " " + (int) stats.max + " " + labels.getTitle());

			// the saved model (JSON through Fiji's Gson) applied to the same image gives the same labels
			final Map<String, Object> apply = new LinkedHashMap<>();
			apply.put("image", image);
			apply.put("model", model);
			apply.put("overlay", false);
			apply.put("roi_manager", false);
			final CommandModule applied = commands.run(ours.get("Apply Clustering Model"), true, apply).get();
			if (applied.isCanceled()) throw new IllegalStateException("canceled: " + applied.getCancelReason());
			final ImagePlus again = (ImagePlus) applied.getOutput("labels");
			final boolean same = java.util.Arrays.equals((byte[]) labels.getProcessor().getPixels(), (byte[]) again.getProcessor().getPixels());
			System.out.println("APPLIED " + again.getTitle() + (same ? " same labels" : " DIFFERENT labels") + " from " + model.length() + " bytes of model");

			// Pixel Agglomeration is a DynamicCommand (its mask choices are the open images): it runs
			// through the ModuleService, as Fiji runs it
			final Map<String, Object> ward = new LinkedHashMap<>();
			ward.put("image", image);
			ward.put("clusters", 5);
			ward.put("distance_threshold", 0.0);
			ward.put("method", "ward");
			ward.put("samples", "auto");
			ward.put("dimensions", "2D");
			ward.put("connectivity", "4");
			ward.put("mask", "<none>");
			ward.put("batch_size", 1000);
			ward.put("restarts", 10);
			ward.put("max_no_improvement", 10);
			ward.put("seed", 0L);
			ward.put("init", "k-means++");
			ward.put("lloyd_iterations", 2);
			ward.put("scaling", false);
			ward.put("connected", false);
			ward.put("overlay", false);
			ward.put("roi_manager", false);
			final Module agglomeration = context.service(ModuleService.class).run(ours.get("Pixel Agglomeration"), true, ward).get();
			if (((Cancelable) agglomeration).isCanceled()) throw new IllegalStateException("canceled: " + ((Cancelable) agglomeration).getCancelReason());
			final ImagePlus parcels = (ImagePlus) agglomeration.getOutput("labels");
			final ImageStatistics parcelStats = parcels.getStatistics();
			System.out.println("LABELS " + parcels.getBitDepth() + " " + (int) parcelStats.min + " " + (int) parcelStats.max + " " + parcels.getTitle());
		}
	}
}
