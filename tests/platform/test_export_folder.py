"""An export never creates folders: a missing folder is refused with xlsx.folder_missing (issue 11, item 9)."""

from __future__ import annotations

import pytest

from opcms_desktop.services.platform.errors import UserError
from opcms_desktop.services.platform.xlsx_writer import Column, Sheet, require_folder, write_xlsx
from opcms_desktop.services.pricing.template import write_pricing_template


def test_write_xlsx_refuses_a_missing_folder_and_creates_nothing(tmp_path):
    target = tmp_path / "missing" / "deeper" / "out.xlsx"
    with pytest.raises(UserError) as info:
        write_xlsx(target, [Sheet("s", [Column("a")], [["x"]])])
    assert info.value.code == "xlsx.folder_missing"
    assert info.value.params == {"file": "out.xlsx", "folder": str(target.parent)}
    assert "does not exist" in str(info.value)
    assert not (tmp_path / "missing").exists()


def test_an_existing_folder_is_written(tmp_path):
    assert write_xlsx(tmp_path / "out.xlsx", [Sheet("s", [Column("a")], [["x"], ["y"]])]) == 2
    assert require_folder(str(tmp_path / "x.xlsx")) == tmp_path / "x.xlsx"


def test_a_file_where_the_folder_should_be_is_refused(tmp_path):
    (tmp_path / "file").write_text("")
    with pytest.raises(UserError) as info:
        require_folder(tmp_path / "file" / "out.xlsx")
    assert info.value.code == "xlsx.folder_missing"


def test_the_pricing_template_refuses_a_missing_folder(tmp_path):
    with pytest.raises(UserError) as info:
        write_pricing_template(tmp_path / "missing" / "template.xlsx")
    assert info.value.code == "xlsx.folder_missing"
