"""bench/train_in_page.py --quick (about a minute): the in-page trainer's bench runs end to end against the
real app and Chromium and prints every figure it promises, each a number where a number belongs, and
--out saves the same lines as Markdown. The targets themselves are the bench's to report, not this test's:
it checks that each verdict ("met", "**missed**") follows from the figure printed beside it."""

import re
import subprocess
import sys

from tests.conftest import ROOT
from tests.markdown import table_after as table

NUMBER = r"([\d,]+(?:\.\d+)?)"


def num(text):
    return float(text.replace(",", ""))


def run_quick(tmp_path):
    md = tmp_path / "train_in_page.md"
    done = subprocess.run(
        [sys.executable, "bench/train_in_page.py", "--quick", "--out", str(md)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout, md.read_text()


def check_machine_and_bytes(out):
    assert re.search(r"Machine: \d+ CPUs, load average \d+\.\d\d / \d+\.\d\d .*headless Chromium \d+\.", out)
    before = re.search(r"trainer files among them: (.+?) \(" + NUMBER + r" bytes; target 0\)", out)
    assert before, "no count of the trainer's files fetched before the section is opened"
    after = table(out, "After #train is scrolled into view")
    fetched = {row[0]: num(row[2]) for row in after}
    for name in ("digits.png", "labels.bin", "training/manifest.json", "tf-gradients"):
        assert any(name in path and row_bytes > 0 for path, row_bytes in fetched.items()), (
            f"{name} not fetched after #train came into view; before it: {before.group(1)}; after: "
            + "; ".join(f"{path} {row_bytes:g}" for path, row_bytes in fetched.items())
        )


def check_curve_and_steps(out):
    curve = table(out, "## 2. Held-out curve")
    assert len(curve) == 4
    seconds = [num(row[0]) for row in curve]
    assert seconds == sorted(seconds) and seconds[-1] >= 4
    assert all(num(row[1]) > 0 and 50 < num(row[3]) < 600 for row in curve)
    steps = table(out, "## 3. Time per training step")
    assert [row[0].split(",")[0] for row in steps] == ["page"] * 4 + ["Keras 3 / TF"] * 2, steps
    assert all(num(row[1]) > 0 for row in steps), steps
    assert re.search(r"WebGL = SwiftShader \(software\) here.*backend webgl, .*\| " + NUMBER + r" \|", out)
    assert re.search(r"Page \(WASM, as seen\) ÷ Keras: " + NUMBER + "×", out)
    kernels = table(out, "Where a WASM step's time goes")
    assert len(kernels) == 8 and all(num(row[3]) > 0 for row in kernels), kernels
    assert [num(row[3]) for row in kernels] == sorted((num(row[3]) for row in kernels), reverse=True)
    assert ["BatchMatMul", "100,784 × 784,256", "1.0"] in [row[:3] for row in kernels], kernels
    products = re.search(r"The batch's (\d+) products .* alone: " + NUMBER + r" ms per step = " + NUMBER + "×", out)
    assert products and products.group(1) == "5", "not the five 100 × 784 × 256 products per step"


def check_drag_sweep_and_summary(out):
    drag = table(out, "## 4. Dragging the #explore sliders")
    assert [row[0].split(" ")[0] for row in drag] == ["training", "paused"]
    assert all(num(row[1]) > 0 and 0 <= num(row[4].rstrip("%")) <= 100 for row in drag)
    sweep = table(out, "## 5. β sweep")
    assert [row[0] for row in sweep] == ["0", "1", "4"]
    assert all(num(row[2]) > 0 and num(row[3]) >= 0 for row in sweep)
    summary = table(out, "## Against the targets")
    assert len(summary) == 5
    assert [row[2] for row in summary] == ["0", "≤ 165", "≤ 2×", "≥ 95%", "both"]
    before = re.search(r"trainer files among them: (.+?) \(", out).group(1)
    for row, met in zip(summary, verdicts(summary, before), strict=True):
        assert row[3] in met, f"the verdict does not follow from the figure: {row}"


def verdicts(summary, before):
    """Each target row's verdicts that its measured figure allows: "met" or "**missed**", or both where the
    figure as printed (rounded) sits exactly on the target."""
    files, elbo, ratio, drawn, sweep = (row[1] for row in summary)

    def against(value, target, lower_is_better):
        if value == target:
            return ("met", "**missed**")
        return ("met",) if (value < target) == lower_is_better else ("**missed**",)

    return [
        ("met",) if before == "none" and num(files) == 0 else ("**missed**",),
        against(num(elbo), 165, True),
        against(num(ratio.rstrip("×")), 2, True),
        against(num(drawn.rstrip("%")), 95, False),
        ("met",) if sweep == "KL yes, reconstruction yes" else ("**missed**",),
    ]


def test_quick_run_prints_every_figure(tmp_path):
    out, md = run_quick(tmp_path)
    check_machine_and_bytes(out)
    check_curve_and_steps(out)
    check_drag_sweep_and_summary(out)
    lines = out.splitlines()
    assert md.splitlines()[0].startswith("# The in-page trainer")
    assert all(line in lines for line in md.splitlines()), "--out wrote lines stdout did not have"
    assert "## Against the targets" in md
