"""Customer test data: valid resident IDs and mobiles, and files made through the services."""

import datetime as dt
import itertools

from django.core.files.base import ContentFile

from customers import services
from customers.validators import id_check_char

_seq = itertools.count(1)

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def id_number(birth=dt.date(1990, 3, 7), male=True, region="110101", seq=None):
    """A valid 18-digit resident ID; ``seq`` (0–99) makes it unique."""
    seq = next(_seq) % 100 if seq is None else seq
    first17 = f"{region}{birth:%Y%m%d}{seq:02d}{'1' if male else '2'}"
    return first17 + id_check_char(first17)


def mobile():
    return f"139{next(_seq):08d}"


def make_customer(owner, *, actor=None, tags=(), needs=(), **fields):
    """A prospect owned by ``owner`` (team from the owner), made by the create service."""
    n = next(_seq)
    fields.setdefault("name", f"客戶{n}")
    fields.setdefault("mobile", mobile())
    # A health note is stored only with the customer's consent (confidentiality): the file
    # is opened, the consent recorded, then the note saved.
    health_note = fields.pop("health_note", "")
    customer = services.customer_create(
        actor=actor or owner, owner=owner, tags=tags, needs=needs, **fields
    )
    if health_note:
        give_consent(customer, "health", actor=owner)
        customer = services.customer_update(
            actor=actor or owner, customer=customer, health_note=health_note
        )
    return customer


def give_consent(customer, kind="financial", *, actor=None):
    """The customer's consent to keeping ``kind`` (health, financial) of information."""
    import datetime as dt

    from confidentiality import services as conf_services

    return conf_services.consent_record(
        actor=actor or customer.owner,
        customer=customer,
        kind=kind,
        given_on=dt.date.today(),
        purpose="核保及保費轉帳",
    )


def make_attachment(customer, *, classification="confidential", actor=None):
    return services.attachment_add(
        actor=actor or customer.owner,
        customer=customer,
        file=ContentFile(PDF_BYTES, name="scan.pdf"),
        kind="id_copy",
        classification=classification,
        description="身份證影本",
    )
