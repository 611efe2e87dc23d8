# SPDX-License-Identifier: MIT
"""Shared papers for the tests (domain-reference §7: enterprise code
0100109106 has a valid check digit; CCCD 001090012345 is Hà Nội, 1990)."""
from datetime import datetime

import bpacct
from bpacct import Channel, Documents, Event, IdType, Input, Procedure

OWNER = "0100109106"
CCCD = "001090012345"


def at(text):
    return datetime.fromisoformat(text)


def bp_issue(when):
    return Event(Input.ISSUE, at(when), procedure=Procedure.BP, owner=OWNER,
                 holder_id_type=IdType.CCCD, holder_id_number=CCCD)


def bp_request(when, request="Q1"):
    """A complete BP application (BP-A1) from the owner."""
    return Event(Input.REQUEST, at(when), request=request, requester=OWNER,
                 channel=Channel.ONLINE,
                 documents=Documents.APPLICATION
                 | Documents.ENTERPRISE_REGISTRATION | Documents.IDENTITY,
                 enterprise_code=OWNER, id_type=IdType.CCCD, id_number=CCCD)


def xnc_issue(when):
    return Event(Input.ISSUE, at(when), procedure=Procedure.XNC, owner=OWNER)


def xnc_request(when, account, request="N1", channel=Channel.IN_PERSON):
    """A complete NA20 (XNC-1) from the owner."""
    return Event(Input.REQUEST, at(when), request=request, requester=OWNER,
                 channel=channel, documents=Documents.NA20, na20={
                     "organisation": "Công ty TNHH Du lịch Sông Hồng",
                     "address": "12 Tràng Tiền, Hoàn Kiếm, Hà Nội",
                     "phone": "024 3826 1234",
                     "email": "lienhe@songhong.vn",
                     "account": account,
                     "reason": "Không còn nhu cầu sử dụng",
                     "signer": "Nguyễn Văn An, Giám đốc"},
                 na20_sealed=1)


class Recorder(bpacct.Notifier):
    """Delivers by keeping each notice once per idempotency key."""

    def __init__(self):
        self.notices = []
        self.keys = []

    def deliver(self, notice):
        self.keys.append(notice.key)
        if notice.key not in {n.key for n in self.notices}:
            self.notices.append(notice)
