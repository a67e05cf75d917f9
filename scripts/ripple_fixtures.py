#!/usr/bin/python3
"""Writes the ripple (.rpl/.raw) test files of src/test/resources/ripple/ and ripple.json.

Most files are written by HyperSpy's own ripple writer (HyperSpy 1.7.3): every data type it writes
(uint8, uint16, int32, int64, float32, float64), both byte orders it writes (big-endian for '>' arrays,
dont-care for native little-endian arrays), record-by vector (Signal1D: spectrum images), record-by image
(a stack of images) and dont-care (a single image), with axis calibrations. Each one is read back with
HyperSpy and compared with what was written, so the expectations are HyperSpy's reading of the file.

The files HyperSpy cannot write are written here with numpy, following the Lispix format: signed 8- and
16-bit, unsigned 32- and 64-bit, explicit little-endian, an offset before the data, a header with
upper-case keys, spaces instead of tabs, comments, CRLF line ends, Bruker's "data-Length", ev-per-chan as
the only energy calibration, and a raw file named .RAW.

Every image is 4 x 3 pixels x 5 channels (or 1 channel), and the value at (x, y, channel k) is built
from its position, so a mix-up of axes or layouts changes values. ripple.json lists, per file, the
header's layout, the expected ImageJ bit depth, every value in ImageJ's order (channel, row, column), how
many of them a 32-bit float cannot hold exactly, and the calibration of x, y and z (scale, origin in
calibrated units, units; "" for none).

Run: /usr/bin/python3 scripts/ripple_fixtures.py   (from the repository root)
"""
import json
import os
import shutil
import tempfile

import numpy as np
import hyperspy.api as hs

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "test", "resources", "ripple")
W, H, D = 4, 3, 5


def pattern(k_step=100, y_step=10, depth=D):
    """Values by (k, y, x): k_step k + y_step y + x, distinct for every position."""
    k, y, x = np.meshgrid(np.arange(depth), np.arange(H), np.arange(W), indexing="ij")
    return (k_step * k + y_step * y + x).astype(np.float64)


def small_pattern():
    """40 k + 4 y + x: 0..171, fits a byte."""
    return pattern(40, 4)


def no_calibration():
    return {"scale": 1.0, "origin": 0.0, "units": ""}


def calibration(scale, origin, units):
    return {"scale": float(scale), "origin": float(origin), "units": units}


def rounded_in_float32(values):
    v = np.asarray(values)
    if v.dtype.kind == "f":
        return int(np.count_nonzero(v.astype(np.float32).astype(np.float64) != v))
    # integers: exact in float32 when at most 24 significant bits
    return int(sum(1 for value in v.ravel().tolist() if int(np.float32(value)) != value))


def case(name, written_by, kyx, dtype, layout, bit_depth, x, y, z, note=""):
    values = np.asarray(kyx).astype(dtype)
    return {
        "name": name,
        "rpl": name + ".rpl",
        "written_by": written_by,
        "width": int(values.shape[2]),
        "height": int(values.shape[1]),
        "depth": int(values.shape[0]),
        "data_type": np.dtype(dtype).name,
        "record_by": layout,
        "bit_depth": bit_depth,
        "values": [v.item() for v in values.ravel()],
        "rounded": rounded_in_float32(values),
        "x": x,
        "y": y,
        "z": z,
        "note": note,
    }


def check_hyperspy_reads(path, kyx, layout, x, y, z):
    """HyperSpy reads back the values and calibrations this script expects."""
    s = hs.load(path)
    data = np.asarray(s.data)
    if layout == "vector":
        expected = np.asarray(kyx).transpose(1, 2, 0)  # (y, x, k)
    else:
        expected = np.asarray(kyx)  # (k, y, x)
    assert np.array_equal(data, expected.reshape(data.shape)), path
    nav = s.axes_manager.navigation_axes
    sig = s.axes_manager.signal_axes
    if layout == "vector":
        roles = [(sig[0], z), (nav[0], x)] + ([(nav[1], y)] if len(nav) > 1 else [])
    elif layout == "image":
        roles = [(nav[0], z), (sig[0], x), (sig[1], y)]
    else:
        roles = [(sig[0], x), (sig[1], y)]
    for axis, expected_cal in roles:
        units = "" if not isinstance(axis.units, str) or axis.units == "<undefined>" else axis.units
        assert abs(axis.scale - expected_cal["scale"]) < 1e-12, (path, axis, expected_cal)
        assert abs(axis.offset - expected_cal["origin"]) < 1e-12, (path, axis, expected_cal)
        assert units == expected_cal["units"], (path, axis.units, expected_cal)


def set_axis(axis, cal):
    axis.scale = cal["scale"]
    axis.offset = cal["origin"]
    if cal["units"]:
        axis.units = cal["units"]


def hyperspy_spectrum_image(name, dtype, x, y, z, signal_type=""):
    kyx = small_pattern()
    s = hs.signals.Signal1D(kyx.transpose(1, 2, 0).astype(dtype))  # (y, x, k)
    if signal_type:
        s.set_signal_type(signal_type)
    set_axis(s.axes_manager.navigation_axes[0], x)
    set_axis(s.axes_manager.navigation_axes[1], y)
    set_axis(s.axes_manager.signal_axes[0], z)
    path = os.path.join(OUT, name + ".rpl")
    s.save(path, overwrite=True)
    check_hyperspy_reads(path, kyx.astype(dtype), "vector", x, y, z)
    return kyx


def hyperspy_image_stack(name, dtype, x, y, z):
    kyx = small_pattern()
    s = hs.signals.BaseSignal(kyx.astype(dtype)).transpose(signal_axes=2)  # navigation: k
    set_axis(s.axes_manager.signal_axes[0], x)
    set_axis(s.axes_manager.signal_axes[1], y)
    set_axis(s.axes_manager.navigation_axes[0], z)
    path = os.path.join(OUT, name + ".rpl")
    s.save(path, overwrite=True)
    check_hyperspy_reads(path, kyx.astype(dtype), "image", x, y, z)
    return kyx


def write_by_hand(name, header_lines, raw_bytes, newline="\n", raw_extension=".raw"):
    with open(os.path.join(OUT, name + ".rpl"), "w", encoding="latin-1", newline="") as f:
        f.write(newline.join(header_lines) + newline)
    with open(os.path.join(OUT, name + raw_extension), "wb") as f:
        f.write(raw_bytes)


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    cases = []
    none = no_calibration()

    # -- HyperSpy's writer --
    # EDS spectrum image: keV energy axis (ev-per-chan is then written as round(0.01) = 0: depth-scale wins)
    x = calibration(0.5, 1.0, "\u00b5m")
    y = calibration(0.25, -2.0, "\u00b5m")
    z = calibration(0.01, -0.2, "keV")
    kyx = hyperspy_spectrum_image("vector-uint8", "uint8", x, y, z, signal_type="EDS_SEM")
    cases.append(case("vector-uint8", "hyperspy", kyx, "uint8", "vector", 8, x, y, z, "EDS_SEM, energy in keV, ev-per-chan 0"))

    kyx = pattern() * 100 + 7
    x = calibration(2.0, 0.0, "nm")
    y = calibration(3.0, 0.0, "nm")
    z = calibration(5.0, 100.0, "eV")
    s = hs.signals.Signal1D(kyx.transpose(1, 2, 0).astype(">u2"))
    for axis, cal in zip((s.axes_manager.navigation_axes[0], s.axes_manager.navigation_axes[1], s.axes_manager.signal_axes[0]), (x, y, z)):
        set_axis(axis, cal)
    s.save(os.path.join(OUT, "vector-uint16-big.rpl"), overwrite=True)
    check_hyperspy_reads(os.path.join(OUT, "vector-uint16-big.rpl"), kyx.astype(">u2"), "vector", x, y, z)
    cases.append(case("vector-uint16-big", "hyperspy", kyx, ">u2", "vector", 16, x, y, z, "big-endian"))

    kyx = pattern() * 100 + 3
    s = hs.signals.Signal1D(kyx.transpose(1, 2, 0).astype("<u2"))
    s.save(os.path.join(OUT, "vector-uint16-native.rpl"), overwrite=True)
    check_hyperspy_reads(os.path.join(OUT, "vector-uint16-native.rpl"), kyx.astype("<u2"), "vector", none, none, none)
    cases.append(case("vector-uint16-native", "hyperspy", kyx, "<u2", "vector", 16, none, none, none, "byte-order dont-care (native little-endian)"))

    # int32 beyond 2^24: some values cannot be held by a 32-bit float
    kyx = (pattern() - 200) * 100003 + 1
    s = hs.signals.Signal1D(kyx.transpose(1, 2, 0).astype("int32"))
    s.save(os.path.join(OUT, "vector-int32.rpl"), overwrite=True)
    check_hyperspy_reads(os.path.join(OUT, "vector-int32.rpl"), kyx.astype("int32"), "vector", none, none, none)
    cases.append(case("vector-int32", "hyperspy", kyx, "int32", "vector", 32, none, none, none, "negative values, some beyond 2^24"))

    kyx = (pattern() - 150) * 123456789 + 1
    s = hs.signals.Signal1D(kyx.transpose(1, 2, 0).astype(">i8"))
    s.save(os.path.join(OUT, "vector-int64-big.rpl"), overwrite=True)
    check_hyperspy_reads(os.path.join(OUT, "vector-int64-big.rpl"), kyx.astype(">i8"), "vector", none, none, none)
    cases.append(case("vector-int64-big", "hyperspy", kyx, ">i8", "vector", 32, none, none, none, "big-endian int64"))

    kyx = pattern() * 0.25 - 7.5
    x = calibration(1.5, 0.0, "nm")
    s = hs.signals.Signal1D(kyx.transpose(1, 2, 0).astype(">f4"))
    set_axis(s.axes_manager.navigation_axes[0], x)
    set_axis(s.axes_manager.navigation_axes[1], x)
    s.save(os.path.join(OUT, "vector-float32-big.rpl"), overwrite=True)
    check_hyperspy_reads(os.path.join(OUT, "vector-float32-big.rpl"), kyx.astype(">f4"), "vector", x, x, none)
    cases.append(case("vector-float32-big", "hyperspy", kyx, ">f4", "vector", 32, x, x, none, "big-endian float32"))

    kyx = pattern() / 3.0 + 1e-3
    s = hs.signals.Signal1D(kyx.transpose(1, 2, 0).astype("float64"))
    s.save(os.path.join(OUT, "vector-float64.rpl"), overwrite=True)
    check_hyperspy_reads(os.path.join(OUT, "vector-float64.rpl"), kyx, "vector", none, none, none)
    cases.append(case("vector-float64", "hyperspy", kyx, "float64", "vector", 32, none, none, none, "values a float32 rounds"))

    x = calibration(0.5, 0.0, "nm")
    y = calibration(0.5, 0.0, "nm")
    z = calibration(2.5, 10.0, "nm")
    kyx = hyperspy_image_stack("image-uint8", "uint8", x, y, z)
    cases.append(case("image-uint8", "hyperspy", kyx, "uint8", "image", 8, x, y, z, "stack of images"))

    x = calibration(0.1, 0.0, "m")
    y = calibration(0.2, 0.0, "m")
    z = calibration(100.0, 0.5, "eV")
    kyx = hyperspy_image_stack("image-float32-big", ">f4", x, y, z)
    cases.append(case("image-float32-big", "hyperspy", kyx, ">f4", "image", 32, x, y, z, "big-endian float32 stack"))

    kyx = pattern()[:1] * 300 + 1
    x = calibration(0.5, 1.0, "nm")
    y = calibration(0.75, 0.0, "nm")
    s = hs.signals.Signal2D(kyx[0].astype("uint16"))
    set_axis(s.axes_manager.signal_axes[0], x)
    set_axis(s.axes_manager.signal_axes[1], y)
    s.save(os.path.join(OUT, "single-uint16.rpl"), overwrite=True)
    check_hyperspy_reads(os.path.join(OUT, "single-uint16.rpl"), kyx.astype("uint16"), "dont-care", x, y, none)
    cases.append(case("single-uint16", "hyperspy", kyx, "uint16", "dont-care", 16, x, y, none, "depth 1, record-by dont-care"))

    # -- written here with numpy, following the Lispix format --
    kyx = small_pattern() - 100  # -100 .. 71
    write_by_hand("hand-int8", [
        "key\tvalue", "width\t4", "height\t3", "depth\t5", "offset\t0", "data-type\tsigned", "data-length\t1",
        "byte-order\tdont-care", "record-by\tvector"], kyx.astype("int8").transpose(1, 2, 0).tobytes())
    cases.append(case("hand-int8", "numpy", kyx, "int8", "vector", 32, none, none, none, "signed bytes"))

    # the liberal header: upper-case keys, spaces, comments, CRLF, data-Length, offset, ev-per-chan, .RAW
    kyx = (pattern() - 300) * 50
    z = calibration(10.0, 0.0, "eV")
    write_by_hand("hand-int16-little", [
        "; written by scripts/ripple_fixtures.py", "WIDTH\t4", "Height 3", "depth\t5  ; channels",
        "offset\t16", "data-type\tSigned", "data-Length\t2", "byte-order\tlittle-endian", "",
        "record-by    image", "ev-per-chan\t10", "comment\tignored key"],
        b"sixteen bytes!!!" + kyx.astype("<i2").tobytes(), newline="\r\n", raw_extension=".RAW")
    cases.append(case("hand-int16-little", "numpy", kyx, "<i2", "image", 32, none, none, z,
                      "upper-case keys, spaces, comments, CRLF, data-Length, offset 16, ev-per-chan, .RAW"))

    kyx = pattern() * 10000019.0 + 5
    write_by_hand("hand-uint32-big", [
        "key\tvalue", "width\t4", "height\t3", "depth\t5", "offset\t0", "data-type\tunsigned", "data-length\t4",
        "byte-order\tbig-endian", "record-by\tvector"], kyx.astype(">u4").transpose(1, 2, 0).tobytes())
    cases.append(case("hand-uint32-big", "numpy", kyx, ">u4", "vector", 32, none, none, none, "up to 4e9"))

    kyx = pattern().astype(np.uint64)
    kyx[0, 0, 0] = np.uint64(2**63 + 2**38)   # exact in a double, not in a float
    kyx[4, 2, 3] = np.uint64(2**64 - 2**12)   # rounds up to 2^64 in a float
    write_by_hand("hand-uint64-little", [
        "key\tvalue", "width\t4", "height\t3", "depth\t5", "offset\t0", "data-type\tunsigned", "data-length\t8",
        "byte-order\tlittle-endian", "record-by\tvector"], kyx.astype("<u8").transpose(1, 2, 0).tobytes())
    cases.append(case("hand-uint64-little", "numpy", kyx, "<u8", "vector", 32, none, none, none, "values >= 2^63"))

    kyx = pattern() / 7.0 - 3
    z = calibration(0.5, -1.0, "keV")
    write_by_hand("hand-float64-big", [
        "key\tvalue", "width\t4", "height\t3", "depth\t5", "offset\t0", "data-type\tfloat", "data-length\t8",
        "byte-order\tbig-endian", "record-by\timage", "depth-scale\t0.5", "depth-origin\t-1.0", "depth-units\tkeV"],
        kyx.astype(">f8").tobytes())
    cases.append(case("hand-float64-big", "numpy", kyx, ">f8", "image", 32, none, none, z, "big-endian float64 stack"))

    # a single spectrum (1 x 1 pixel), as HyperSpy writes a one-dimensional Signal1D
    values = np.arange(5, dtype=np.float32) * 2 + 1
    s = hs.signals.Signal1D(values)
    s.axes_manager.signal_axes[0].scale = 20.0
    s.axes_manager.signal_axes[0].units = "eV"
    s.save(os.path.join(OUT, "spectrum-float32.rpl"), overwrite=True)
    cases.append(case("spectrum-float32", "hyperspy", values.reshape(5, 1, 1), "float32", "vector", 32, none, none,
                      calibration(20.0, 0.0, "eV"), "one spectrum: 1 x 1 pixel"))

    with open(os.path.join(OUT, "ripple.json"), "w") as f:
        json.dump({"generator": "scripts/ripple_fixtures.py", "hyperspy": hs.__version__, "cases": cases}, f, indent=1)
        f.write("\n")
    total = sum(os.path.getsize(os.path.join(OUT, n)) for n in os.listdir(OUT))
    print("wrote %d cases, %d files, %d bytes into %s" % (len(cases), len(os.listdir(OUT)), total, OUT))


if __name__ == "__main__":
    main()
