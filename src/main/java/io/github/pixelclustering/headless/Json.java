package io.github.pixelclustering.headless;

import java.util.Collection;
import java.util.Map;

/** Writes one-line JSON objects of strings, numbers, booleans and lists of those. */
final class Json {

	private Json() {}

	/** @return the map as one line of JSON, keys in the map's order */
	static String object(final Map<String, ?> values) {
		final StringBuilder sb = new StringBuilder("{");
		boolean first = true;
		for (final Map.Entry<String, ?> e : values.entrySet()) {
			if (!first) sb.append(", ");
			first = false;
			string(sb, e.getKey());
			sb.append(": ");
			value(sb, e.getValue());
		}
		return sb.append('}').toString();
	}

	private static void value(final StringBuilder sb, final Object v) {
		if (v == null) sb.append("null");
		else if (v instanceof Boolean) sb.append(v);
		else if (v instanceof Double || v instanceof Float) {
			final double d = ((Number) v).doubleValue();
			sb.append(Double.isFinite(d) ? Double.toString(d) : "null");
		}
		else if (v instanceof Number) sb.append(v);
		else if (v instanceof Collection) {
			sb.append('[');
			boolean first = true;
			for (final Object o : (Collection<?>) v) {
				if (!first) sb.append(", ");
				first = false;
				value(sb, o);
			}
			sb.append(']');
		}
		else string(sb, v.toString());
	}

	private static void string(final StringBuilder sb, final String s) {
		sb.append('"');
		for (int i = 0; i < s.length(); i++) {
			final char c = s.charAt(i);
			switch (c) {
				case '"': sb.append("\\\""); break;
				case '\\': sb.append("\\\\"); break;
				case '\n': sb.append("\\n"); break;
				case '\r': sb.append("\\r"); break;
				case '\t': sb.append("\\t"); break;
				default:
					if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
					else sb.append(c);
			}
		}
		sb.append('"');
	}
}
