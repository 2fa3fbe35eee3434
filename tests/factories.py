"""Builders of test data; each returns what a service would, inside the caller's session."""

from __future__ import annotations

import itertools

from sqlalchemy import select
from sqlalchemy.orm import Session

from opcms_desktop.models import Customer, CustomerOwner, Role, User
from opcms_desktop.services.security.auth import actor_for
from opcms_desktop.services.security.passwords import hash_password
from opcms_desktop.services.security.permissions import Actor

TEST_PASSWORD = "Test-password-2026"
_company_ids = itertools.count(900_000)


class Factory:
    def __init__(self, session: Session):
        self.session = session

    def user(self, username: str, role: str = "ops", display_name: str = "", password: str = TEST_PASSWORD) -> User:
        role_id = self.session.scalar(select(Role.id).where(Role.name == role))
        assert role_id is not None, f"no role {role}"
        user = User(username=username, display_name=display_name or username, password_hash=hash_password(password),
                    role_id=role_id, active=True, failed_attempts=0, must_change_password=False)
        self.session.add(user)
        self.session.flush()
        return user

    def actor(self, username: str, role: str = "ops", display_name: str = "") -> Actor:
        return actor_for(self.session, self.user(username, role, display_name))

    def customer(self, name: str = "测试客户", company_id: int | None = None, sales: Actor | None = None,
                 ops: Actor | None = None, **fields) -> Customer:
        customer = Customer(company_id=company_id if company_id is not None else next(_company_ids), name=name,
                            name_initials="", name_pinyin="", payment_terms_days=30, **fields)
        self.session.add(customer)
        self.session.flush()
        for kind, owner in (("sales", sales), ("ops", ops)):
            if owner is not None:
                self.session.add(CustomerOwner(customer_id=customer.id, kind=kind, user_id=owner.id,
                                               raw_name=owner.display_name))
        self.session.flush()
        return customer
