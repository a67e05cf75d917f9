package io.github.pixelclustering.yarntest;

import java.io.File;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;

/**
 * A one-machine YARN cluster for the tests: a resource manager and one node manager (Hadoop's
 * MiniYARNCluster), started in this JVM, whose client configuration is written as
 * {@code <conf dir>/yarn-site.xml} and {@code core-site.xml} once the cluster is up (so that
 * {@code HADOOP_CONF_DIR=<conf dir> spark-submit --master yarn} finds it). It runs until the JVM is
 * stopped.
 * <p>
 * Usage: {@code TestYarnCluster <conf dir> <work dir>}
 */
public final class TestYarnCluster {

	private TestYarnCluster() {}

	public static void main(final String[] args) throws Exception {
		if (args.length != 2) throw new IllegalArgumentException("Expected <conf dir> <work dir>, got " + args.length + " arguments.");
		final File conf = new File(args[0]);
		final File work = new File(args[1]);
		if (!conf.isDirectory() && !conf.mkdirs()) throw new IllegalArgumentException("Cannot make " + conf);
		System.setProperty("test.build.data", work.getAbsolutePath());
		System.setProperty("hadoop.tmp.dir", new File(work, "tmp").getAbsolutePath());
		final YarnConfiguration yarn = new YarnConfiguration();
		yarn.set("fs.defaultFS", "file:///");
		yarn.set(YarnConfiguration.RM_HOSTNAME, "127.0.0.1");
		yarn.set(YarnConfiguration.NM_ADDRESS, "127.0.0.1:0");
		// one node of 4 GB and 2 cores, no memory policing (executor JVMs of Java 17 reserve more
		// virtual memory than YARN's default ratio allows), a full disk never makes the node unhealthy
		yarn.setInt(YarnConfiguration.NM_PMEM_MB, 4096);
		yarn.setInt(YarnConfiguration.NM_VCORES, 2);
		yarn.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 256);
		yarn.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, false);
		yarn.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
		yarn.setFloat(YarnConfiguration.NM_MAX_PER_DISK_UTILIZATION_PERCENTAGE, 100.0f);
		yarn.set("yarn.scheduler.capacity.maximum-am-resource-percent", "1.0");
		final MiniYARNCluster cluster = new MiniYARNCluster("pixel-clustering", 1, 1, 1);
		cluster.init(yarn);
		cluster.start();
		if (!cluster.waitForNodeManagersToConnect(120_000)) throw new IllegalStateException("The node manager did not connect to the resource manager within 2 minutes.");
		Runtime.getRuntime().addShutdownHook(new Thread(cluster::stop));
		final Configuration started = cluster.getConfig();
		// the client configuration, each file complete before its final name appears
		write(started, new File(conf, "yarn-site.xml"));
		final Configuration core = new Configuration(false);
		core.set("fs.defaultFS", "file:///");
		write(core, new File(conf, "core-site.xml"));
		System.out.println("YARN cluster up: resource manager at " + started.get(YarnConfiguration.RM_ADDRESS));
		System.out.flush();
		Thread.currentThread().join();
	}

	private static void write(final Configuration conf, final File file) throws Exception {
		final File partial = new File(file.getPath() + ".partial");
		try (OutputStream out = new FileOutputStream(partial)) {
			conf.writeXml(out);
		}
		Files.move(partial.toPath(), file.toPath(), StandardCopyOption.ATOMIC_MOVE);
	}
}
