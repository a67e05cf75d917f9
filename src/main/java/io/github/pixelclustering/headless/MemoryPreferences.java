package io.github.pixelclustering.headless;

import java.util.Map;
import java.util.TreeMap;
import java.util.prefs.AbstractPreferences;
import java.util.prefs.Preferences;
import java.util.prefs.PreferencesFactory;

/**
 * Java preferences kept in memory and dropped at exit. The command line installs them
 * ({@link CommandLine#keepPreferencesInMemory}) before anything reads a preference, so that SciJava's remembered dialog values (its
 * {@code SaveInputsPreprocessor} writes every persisted input after a run) never reach the user's own
 * preferences: a batch run on the command line does not change what that user's Fiji dialogs show next
 * time, nor does Fiji's last-used value change a command-line run (every input is resolved from the
 * options or the command's default). The tests run with them too (Surefire's
 * {@code java.util.prefs.PreferencesFactory}).
 */
public final class MemoryPreferences extends AbstractPreferences {

	/** The system property naming the preferences factory, read once when preferences are first used. */
	static final String FACTORY_PROPERTY = "java.util.prefs.PreferencesFactory";

	private final Map<String, String> values = new TreeMap<>();

	private MemoryPreferences(final MemoryPreferences parent, final String name) {
		super(parent, name);
	}

	/** The factory of the in-memory user and system roots. */
	public static final class Factory implements PreferencesFactory {

		private static final Preferences USER = new MemoryPreferences(null, "");
		private static final Preferences SYSTEM = new MemoryPreferences(null, "");

		@Override
		public Preferences userRoot() {
			return USER;
		}

		@Override
		public Preferences systemRoot() {
			return SYSTEM;
		}
	}

	@Override
	protected void putSpi(final String key, final String value) {
		values.put(key, value);
	}

	@Override
	protected String getSpi(final String key) {
		return values.get(key);
	}

	@Override
	protected void removeSpi(final String key) {
		values.remove(key);
	}

	@Override
	protected void removeNodeSpi() {
		values.clear();
	}

	@Override
	protected String[] keysSpi() {
		return values.keySet().toArray(new String[0]);
	}

	@Override
	protected String[] childrenNamesSpi() {
		// the children made in this run are the only ones, and AbstractPreferences lists those itself
		return new String[0];
	}

	@Override
	protected AbstractPreferences childSpi(final String name) {
		return new MemoryPreferences(this, name);
	}

	@Override
	protected void syncSpi() {}

	@Override
	protected void flushSpi() {}
}
