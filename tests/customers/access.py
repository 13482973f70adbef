"""Permission matrix of the customer pages.

The scenario: a file owned by the salesperson (team A: the clerk supports it, the supervisor
leads it), a file of the other team's salesperson (team B), an archived team-A file, one
record of each kind inside the team-A file, a tag, and an import run of the clerk's. The
team-A file is shared (view and change) with the shared colleague (team B), who sees and
edits that file only.
"""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from core.models import TaskRun
from customers import services
from customers.models import CustomerNeed, CustomerTag, ExistingCover, FamilyMember
from tests.access import EVERYONE, FORBIDDEN, NOT_FOUND, OK, REDIRECT, Case, each, share
from tests.customers.factories import make_attachment, make_customer

# A team-A file: who may see it, and who may change it.
SEE = {
    "salesperson": OK,  # owner
    "clerk": OK,  # supports team A
    "supervisor": OK,  # leads team A
    "manager": OK,  # company-wide, read-only
    "superuser": OK,
    "other_salesperson": NOT_FOUND,  # team B: as if it did not exist
    "shared_colleague": OK,  # team B, but the file is shared with them (view and change)
    "hr": FORBIDDEN,  # no customer pages at all
    "compliance": FORBIDDEN,
}
CHANGE = {**SEE, "manager": FORBIDDEN}
CHANGED = {k: (REDIRECT if v == OK else v) for k, v in CHANGE.items()}  # POST that redirects
# The team-B file.
SEE_B = {
    "other_salesperson": OK,
    "manager": OK,
    "superuser": OK,
    "salesperson": NOT_FOUND,
    "shared_colleague": NOT_FOUND,  # their share is of the team-A file only
    "clerk": NOT_FOUND,
    "supervisor": NOT_FOUND,
}
WORKERS = (
    "clerk",
    "salesperson",
    "other_salesperson",
    "shared_colleague",
    "supervisor",
    "superuser",
)
READERS = (*WORKERS, "manager")
IMPORTERS = {"clerk": OK, "supervisor": OK, "superuser": OK}
TAG_EDITORS = {"clerk": OK, "supervisor": OK, "superuser": OK}


def scenario(personas):
    salesperson, clerk = personas["salesperson"], personas["clerk"]
    customer = share(make_customer(salesperson, actor=clerk), personas)
    archived = make_customer(salesperson, actor=clerk)
    services.customer_archive(actor=clerk, customer=archived, reason="test")
    other = make_customer(personas["other_salesperson"])
    family = FamilyMember.objects.create(customer=customer, relation="spouse", name="配偶")
    need = CustomerNeed.objects.create(customer=customer, kind="life")
    cover = ExistingCover.objects.create(customer=customer, insurer="某保險", cover_type="life")
    attachment = make_attachment(customer)
    tag, _c = CustomerTag.objects.get_or_create(name="待回訪")
    run = TaskRun.objects.create(name="customer_import", user=clerk)
    path = default_storage.save(f"customers/import-reports/{run.pk}.xlsx", ContentFile(b"x"))
    run.result = {"report": path, "total": 1}
    run.save()
    return {
        "customer": customer,
        "archived": archived,
        "other": other,
        "family": family,
        "need": need,
        "cover": cover,
        "attachment": attachment,
        "tag": tag,
        "run": run,
        "colleague": personas["other_salesperson"],
    }


def _c(o):
    return [o["customer"].pk]


CASES = [
    # the list, its export and the top bar's search
    Case(
        "customers:customer_list",
        each(READERS, OK),
        rows={
            **dict.fromkeys(
                ("salesperson", "clerk", "supervisor", "shared_colleague"), {"customer"}
            ),
            "other_salesperson": {"other"},
            "manager": {"customer", "other"},
            "superuser": {"customer", "other"},
        },
    ),
    Case(
        "customers:customer_list",
        each(READERS, OK),
        query="?archived=all",
        rows={
            **dict.fromkeys(("salesperson", "clerk", "supervisor"), {"customer", "archived"}),
            "shared_colleague": {"customer"},
            "other_salesperson": {"other"},
            "manager": {"customer", "archived", "other"},
            "superuser": {"customer", "archived", "other"},
        },
    ),
    Case(
        "customers:customer_list",
        {"clerk": OK, "supervisor": OK, "manager": OK, "superuser": OK},
        query="?export=xlsx",
    ),
    # the clear export's purpose form: those who export and may see numbers (not the manager)
    Case(
        "customers:customer_list",
        {"clerk": OK, "supervisor": OK, "superuser": OK},
        query="?export=clear",
    ),
    Case("customers:customer_search", {**each(READERS, REDIRECT), "hr": OK, "compliance": OK}),
    Case(
        "customers:customer_duplicates",
        each(WORKERS, OK),
        query="?mobile=13900000000",
    ),
    # the file and its tabs
    Case("customers:customer", SEE, args=_c),
    Case("customers:customer", SEE_B, args=lambda o: [o["other"].pk]),
    Case("customers:customer_family", SEE, args=_c),
    Case("customers:customer_needs", SEE, args=_c),
    Case("customers:customer_attachments", SEE, args=_c),
    Case("customers:customer_timeline", SEE, args=_c),
    Case("customers:customer_history", SEE, args=_c),
    # entry and changes
    Case("customers:customer_add", each(WORKERS, OK)),
    Case("customers:customer_edit", CHANGE, args=_c),
    Case(
        "customers:customer_edit", {**SEE_B, "manager": FORBIDDEN}, args=lambda o: [o["other"].pk]
    ),
    Case(
        "customers:customer_archive",
        CHANGED,
        args=_c,
        method="post",
        data={"reason": "客戶要求"},
    ),
    Case("customers:customer_archive", {**each(WORKERS, 405), "other_salesperson": 405}, args=_c),
    Case(
        "customers:customer_restore",
        {**CHANGED, "shared_colleague": NOT_FOUND},  # the archived file is not shared
        args=lambda o: [o["archived"].pk],
        method="post",
        data={"x": "1"},
    ),
    Case(
        "customers:customer_reassign",
        {"supervisor": OK, "superuser": OK},
        args=_c,
    ),
    Case(
        "customers:customer_share",
        {
            "salesperson": OK,
            "supervisor": OK,
            "superuser": OK,
            "other_salesperson": NOT_FOUND,
            # a share carries "change", and the grant service lets whoever may change the
            # file share it further (and revoke shares): a co-servicer included
            "shared_colleague": OK,
        },
        args=_c,
    ),
    Case(
        "customers:customer_revoke",
        {
            "salesperson": REDIRECT,
            "supervisor": REDIRECT,
            "superuser": REDIRECT,
            "other_salesperson": NOT_FOUND,
            "shared_colleague": REDIRECT,
        },
        args=lambda o: [o["customer"].pk, o["colleague"].pk],
        method="post",
        data={"x": "1"},
    ),
    Case(
        "customers:customer_unmask",
        {
            "salesperson": OK,
            "clerk": OK,
            "supervisor": OK,
            "superuser": OK,
            "other_salesperson": NOT_FOUND,
            "shared_colleague": OK,
        },
        args=_c,
        method="post",
        data={"field": "mobile"},
    ),
    # records inside the file follow it
    Case("customers:familymember_add", CHANGE, args=_c),
    Case("customers:familymember_edit", CHANGE, args=lambda o: [o["family"].pk]),
    Case(
        "customers:familymember_unmask",
        {
            "salesperson": OK,
            "clerk": OK,
            "supervisor": OK,
            "superuser": OK,
            "other_salesperson": NOT_FOUND,
            "shared_colleague": OK,
        },
        args=lambda o: [o["family"].pk],
        method="post",
    ),
    Case("customers:familymember_delete", CHANGE, args=lambda o: [o["family"].pk]),
    Case("customers:customerneed_add", CHANGE, args=_c),
    Case("customers:customerneed_edit", CHANGE, args=lambda o: [o["need"].pk]),
    Case("customers:customerneed_delete", CHANGE, args=lambda o: [o["need"].pk]),
    Case("customers:existingcover_add", CHANGE, args=_c),
    Case("customers:existingcover_edit", CHANGE, args=lambda o: [o["cover"].pk]),
    Case("customers:existingcover_delete", CHANGE, args=lambda o: [o["cover"].pk]),
    Case("customers:customerattachment_add", CHANGE, args=_c),
    Case("customers:customerattachment_download", SEE, args=lambda o: [o["attachment"].pk]),
    Case("customers:customerattachment_delete", CHANGE, args=lambda o: [o["attachment"].pk]),
    # import
    Case("customers:customer_import", IMPORTERS),
    Case("customers:customer_import_template", IMPORTERS),
    Case(
        "customers:customer_import_report",
        {"clerk": OK, "superuser": OK, "supervisor": NOT_FOUND},
        args=lambda o: [o["run"].pk],
    ),
    # tags
    Case("customers:customertag_list", each(READERS, OK), rows=dict.fromkeys(READERS, {"tag"})),
    Case("customers:customertag_add", TAG_EDITORS),
    Case("customers:customertag_edit", TAG_EDITORS, args=lambda o: [o["tag"].pk]),
]

assert all(p in EVERYONE for case in CASES for p in case.expect)
