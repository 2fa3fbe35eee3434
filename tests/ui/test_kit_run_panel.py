"""Progress labels are message codes or row numbers, shown in the current language (no English parsing)."""

from __future__ import annotations

from opcms_desktop.services.platform import messages
from opcms_desktop.ui.kit.run_panel import RunPanel, progress_label


def test_progress_labels_are_codes_or_row_numbers_in_the_current_language(qtbot):
    assert progress_label("17") == "正在检查第 17 行"
    assert progress_label("progress.writing") == "正在写入"
    assert progress_label("INV-2026-0001") == "INV-2026-0001"  # data as it is
    messages.set_language("en")
    try:
        assert progress_label("17") == "Checking row 17" and progress_label("progress.done") == "Done"
    finally:
        messages.set_language("zh_CN")
    panel = RunPanel()
    qtbot.addWidget(panel)
    panel.start("导入")
    panel.progress(3, 10, "progress.reading_rows")
    assert panel.bar.format().startswith("正在读取各行")
