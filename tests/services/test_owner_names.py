"""Owner names from the customer sheet: listing the unmatched ones, mapping them, remembering the answer."""

import pytest
from sqlalchemy import select

from opcms_desktop.models import AuditEntry, Customer, CustomerOwner
from opcms_desktop.services.customers import owners as owner_names
from opcms_desktop.services.customers.owners import OwnerResolver
from opcms_desktop.services.customers.sheet_import import import_customers
from opcms_desktop.services.platform.errors import NotFound, PermissionDenied, ValidationError

from .customer_sheet_builders import HEADERS, customer_row, write_sheet


@pytest.fixture
def imported(session, admin, tmp_path):
    path = write_sheet(tmp_path / "c.xlsx", HEADERS, [
        customer_row(1.0, "甲", 销售负责人="刘冀", 运营负责人=" @郭富乾\n @张随军"),
        customer_row(2.0, "乙", 销售负责人="易遨"),
        customer_row(3.0, "丙", 销售负责人="刘冀"),
        customer_row(4.0, "丁", 销售负责人=0.0, 运营负责人="-"),
    ])
    import_customers(session, admin, path)
    return path


def owners_of(session, company_id):
    return session.execute(select(CustomerOwner.kind, CustomerOwner.raw_name, CustomerOwner.user_id)
                           .join(Customer, Customer.id == CustomerOwner.customer_id)
                           .where(Customer.company_id == company_id).order_by(CustomerOwner.id)).all()


def test_unresolved_names_are_listed_once_with_their_customers(session, admin, imported):
    listed = owner_names.list_unresolved_owners(session, admin)
    assert [(o.name, o.kinds, o.customers) for o in listed] == [
        ("刘冀", ("sales",), 2), ("张随军", ("ops",), 1), ("易遨", ("sales",), 1), ("郭富乾", ("ops",), 1)]
    assert owners_of(session, 4) == []


def test_mapping_a_name_to_a_user_applies_now_and_on_the_next_import(session, admin, make, imported, tmp_path):
    liu = make.user("liuji", "sales", "刘老师")
    applied = owner_names.set_owner_mapping(session, admin, "刘冀", username="liuji")
    assert applied.owner_rows_updated == 2 and applied.mapping.username == "liuji"
    assert owners_of(session, 3) == [("sales", "刘冀", liu.id)]
    assert "刘冀" not in [o.name for o in owner_names.list_unresolved_owners(session, admin)]
    path = write_sheet(tmp_path / "more.xlsx", HEADERS, [customer_row(9.0, "新", 销售负责人="刘冀")])
    result = import_customers(session, admin, path)
    assert owners_of(session, 9) == [("sales", "刘冀", liu.id)] and not result.unresolved_owners
    again = import_customers(session, admin, imported)
    assert again.unchanged == 4
    assert session.scalar(select(AuditEntry.summary).where(AuditEntry.entity == "owner_name_mapping")) == "刘冀 -> liuji"


def test_a_channel_is_not_a_person(session, admin, imported):
    applied = owner_names.set_owner_mapping(session, admin, "易遨", not_a_person=True)
    assert applied.mapping.not_a_person and applied.owner_rows_updated == 0
    assert "易遨" not in [o.name for o in owner_names.list_unresolved_owners(session, admin)]
    assert owners_of(session, 2) == [("sales", "易遨", None)]
    assert [m.name for m in owner_names.list_owner_mappings(session, admin)] == ["易遨"]
    owner_names.delete_owner_mapping(session, admin, "易遨")
    assert "易遨" in [o.name for o in owner_names.list_unresolved_owners(session, admin)]


def test_users_added_later_are_matched_by_apply(session, admin, make, imported):
    guo = make.user("guofq", "ops", "郭富乾")
    assert owner_names.apply_owner_mappings(session, admin) == 1
    assert owners_of(session, 1)[1] == ("ops", "郭富乾", guo.id)


def test_mapping_needs_a_clear_answer_and_the_permission(session, admin, sales, imported):
    with pytest.raises(ValidationError):
        owner_names.set_owner_mapping(session, admin, "刘冀")
    with pytest.raises(ValidationError):
        owner_names.set_owner_mapping(session, admin, "刘冀", username="admin1", not_a_person=True)
    with pytest.raises(NotFound):
        owner_names.set_owner_mapping(session, admin, "刘冀", username="nobody")
    with pytest.raises(PermissionDenied):
        owner_names.set_owner_mapping(session, sales, "刘冀", username="sales1")
    with pytest.raises(PermissionDenied):
        owner_names.list_unresolved_owners(session, sales)


def test_resolver_rules():
    resolver = OwnerResolver([(1, "liuji", "刘冀", True), (2, "zhang1", "张三", True), (3, "zhang2", "张三", False),
                              (4, "li1", "李四", True), (5, "li2", "李四", True)],
                             {"易遨": None, "老王": 4})
    assert resolver.resolve("刘冀").user_id == 1 and resolver.resolve("LiuJi").user_id == 1
    assert resolver.resolve("张三").user_id == 2  # the active one of two namesakes
    assert resolver.resolve("李四").status == "unresolved"  # two active namesakes: the admin decides
    assert resolver.resolve("易遨").status == "not_a_person" and resolver.resolve("老王").user_id == 4
