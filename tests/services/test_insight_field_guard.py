"""Field-level permissions reach the insight panes: conditions, the sandbox and the money figures."""

import pytest

from opcms_desktop.services.insight import conditions, kpis, sandbox
from opcms_desktop.services.platform.errors import PermissionDenied
from opcms_desktop.services.security import field_permissions as fp
from opcms_desktop.services.security import roles


@pytest.fixture
def book(make, sales):
    return make.customer("分群客户", company_id=7301, sales=sales, grade="A")


def test_a_condition_on_a_hidden_field_is_refused_for_that_role_only(session, admin, sales, book):
    on_grade = {"all": [{"field": "客户等级", "op": "=", "value": "A"}]}
    on_money = {"all": [{"field": "未收金额", "op": ">", "value": 0}]}
    assert conditions.count_matching(session, sales, on_grade) == 1
    fp.set_field_mode(session, admin, "sales", "grade", "hidden")
    fp.set_field_mode(session, admin, "sales", "amounts", "hidden")
    with pytest.raises(PermissionDenied) as hidden:
        conditions.count_matching(session, sales, on_grade)
    assert hidden.value.code == "insight.field_hidden" and hidden.value.params["path"] == "$.all[0]"
    with pytest.raises(PermissionDenied) as money:
        conditions.matching_customer_ids(session, sales, on_money)
    assert money.value.code == "insight.field_hidden"
    assert conditions.count_matching(session, admin, on_grade) == 1  # the admin role is never restricted


def test_the_sandbox_and_the_key_figures_need_the_amounts(session, admin, make, book):
    roles.create_role(session, admin, "kefu", "客服", "all", ["customers.view", "pricing.view", "insight.view"])
    agent = make.actor("kefu01", role="kefu")
    fp.set_field_mode(session, admin, "kefu", "amounts", "hidden")
    for call in (lambda: sandbox.run_sandbox(session, agent, percent="10"),
                 lambda: kpis.kpis(session, agent, "2026-01", as_of=None)):
        with pytest.raises(PermissionDenied) as refused:
            call()
        assert refused.value.code == "insight.amounts_hidden"
