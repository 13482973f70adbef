"""Customer files: the customer, family, needs on file, existing cover, attachments, tags."""

import datetime as dt
import os
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from core.crypto import EncryptedTextField, keyed_hash
from core.i18n import reference_name
from core.models import BaseModel
from core.permissions import RowScope
from core.text import name_in_language, search_key
from core.uploads import DOCUMENTS, FileValidator
from core.validators import NOTE_LENGTH, validate_birth_date

from .validators import (
    normalise_id_number,
    normalise_mobile,
    parse_prc_id,
    validate_mobile,
    validate_uscc,
)


class CustomerTag(BaseModel):
    """A label clerks put on files to sort them (高淨值, 待回訪, ...)."""

    class Colour(models.TextChoices):
        BLUE = "primary", _("Blue")
        GREY = "secondary", _("Grey")
        GREEN = "success", _("Green")
        RED = "danger", _("Red")
        YELLOW = "warning", _("Yellow")
        CYAN = "info", _("Cyan")

    name = models.CharField(_("name"), max_length=30, unique=True)
    name_en = models.CharField(
        _("name in English"),
        max_length=30,
        blank=True,
        help_text=_("Shown in the English interface; the Chinese name is shown when empty."),
    )
    colour = models.CharField(_("colour"), max_length=10, choices=Colour.choices, default="info")
    description = models.CharField(_("description"), max_length=200, blank=True)

    scope = RowScope(reference=True)  # whoever may use tags sees them all

    class Meta:
        verbose_name = _("customer tag")
        verbose_name_plural = _("customer tags")
        ordering = ["name"]

    def __str__(self):
        return self.localized_name

    def get_absolute_url(self):
        return reverse("customers:customertag_edit", args=[self.pk])

    @property
    def localized_name(self):
        """The tag in the reader's language (English, or Simplified characters)."""
        return name_in_language(self.name, self.name_en)

    def text_name(self):
        """The tag as a parameter of a stored text, read in the reader's language."""
        return reference_name(self.name, self.name_en)


class Need(models.TextChoices):
    """Kinds of insurance need, shared by needs on file and existing cover."""

    LIFE = "life", _("Life")
    CRITICAL_ILLNESS = "critical_illness", _("Critical illness")
    MEDICAL = "medical", _("Medical")
    ACCIDENT = "accident", _("Accident")
    ANNUITY = "annuity", _("Annuity / retirement")
    EDUCATION = "education", _("Education")
    PROPERTY = "property", _("Property")
    OTHER = "other", _("Other")


class Customer(BaseModel):
    """A customer file: who the customer is, how to reach them, who looks after them."""

    class Kind(models.TextChoices):
        INDIVIDUAL = "individual", _("Individual")
        COMPANY = "company", _("Company")

    class Gender(models.TextChoices):
        MALE = "male", _("Male")
        FEMALE = "female", _("Female")

    class IdType(models.TextChoices):
        PRC_ID = "prc_id", _("PRC resident ID")
        PASSPORT = "passport", _("Passport")
        HK_MACAU = "hk_macau", _("Hong Kong / Macau permit")
        TAIWAN = "taiwan", _("Taiwan permit")
        USCC = "uscc", _("Unified social credit code")
        OTHER = "other", _("Other")

    class OccupationClass(models.TextChoices):
        C1 = "1", _("Class 1 (office work)")
        C2 = "2", _("Class 2 (light outdoor work)")
        C3 = "3", _("Class 3 (light manual work)")
        C4 = "4", _("Class 4 (manual work)")
        C5 = "5", _("Class 5 (heavy manual work)")
        C6 = "6", _("Class 6 (high risk)")

    class IncomeBand(models.TextChoices):
        UNDER_100K = "lt100k", _("Under ¥100,000")
        FROM_100K = "100k_300k", _("¥100,000–300,000")
        FROM_300K = "300k_500k", _("¥300,000–500,000")
        FROM_500K = "500k_1m", _("¥500,000–1,000,000")
        OVER_1M = "gt1m", _("Over ¥1,000,000")

    class MaritalStatus(models.TextChoices):
        SINGLE = "single", _("Single")
        MARRIED = "married", _("Married")
        DIVORCED = "divorced", _("Divorced")
        WIDOWED = "widowed", _("Widowed")

    class Channel(models.TextChoices):
        TELEMARKETING = "telemarketing", _("Telemarketing")
        ONLINE = "online", _("Online promotion")
        SOCIAL_EVENT = "social_event", _("Social event")
        REFERRAL = "referral", _("Referral")
        WALK_IN = "walk_in", _("Walk-in")
        OTHER = "other", _("Other")

    class Stage(models.TextChoices):
        # "Customer" and "Lapsed" also name the party of a conversation and a policy status.
        PROSPECT = "prospect", pgettext_lazy("customer stage", "Prospect")
        INTENDING = "intending", pgettext_lazy("customer stage", "Intending")
        CUSTOMER = "customer", pgettext_lazy("customer stage", "Customer")
        LAPSED = "lapsed", pgettext_lazy("customer stage", "Lapsed")

    class Grade(models.TextChoices):
        VIP = "vip", _("VIP")
        A = "a", _("A")
        B = "b", _("B")
        C = "c", _("C")

    kind = models.CharField(
        _("customer type"), max_length=10, choices=Kind.choices, default="individual"
    )
    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_("In the usual order, e.g. 張偉; or the company name."),
    )
    name_key = models.CharField(
        _("name as searched"),
        max_length=200,
        blank=True,
        editable=False,
        help_text=_("The name as searches compare it: in Simplified characters, without spaces."),
    )
    contact_person = models.CharField(
        _("contact person"), max_length=100, blank=True, help_text=_("Companies only.")
    )
    gender = models.CharField(_("gender"), max_length=6, choices=Gender.choices, blank=True)
    birth_date = models.DateField(
        _("birth date"), null=True, blank=True, validators=[validate_birth_date]
    )
    id_type = models.CharField(
        _("ID type"), max_length=10, choices=IdType.choices, default="prc_id", blank=True
    )
    id_number = EncryptedTextField(_("ID number"), max_length=40, blank=True)
    id_number_hash = models.CharField(
        _("ID number digest"), max_length=64, blank=True, editable=False, db_index=True
    )
    mobile = EncryptedTextField(_("mobile"), max_length=30, blank=True)
    mobile_hash = models.CharField(
        _("mobile digest"), max_length=64, blank=True, editable=False, db_index=True
    )
    mobile_last4_hash = models.CharField(
        _("digest of the mobile's last four digits"),
        max_length=64,
        blank=True,
        editable=False,
        db_index=True,
    )
    email = models.EmailField(_("e-mail"), blank=True)
    province = models.CharField(_("province"), max_length=30, blank=True)
    city = models.CharField(_("city"), max_length=30, blank=True)
    district = models.CharField(_("district"), max_length=30, blank=True)
    street = models.CharField(_("street address"), max_length=200, blank=True)
    occupation = models.CharField(_("occupation"), max_length=60, blank=True)
    occupation_class = models.CharField(
        _("occupational risk class"), max_length=1, choices=OccupationClass.choices, blank=True
    )
    employer = models.CharField(_("employer"), max_length=100, blank=True)
    income_band = models.CharField(
        _("annual income"), max_length=10, choices=IncomeBand.choices, blank=True
    )
    marital_status = models.CharField(
        _("marital status"), max_length=10, choices=MaritalStatus.choices, blank=True
    )
    source_channel = models.CharField(
        _("source channel"), max_length=15, choices=Channel.choices, blank=True
    )
    referred_by = models.ForeignKey(
        "self",
        verbose_name=_("referred by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals",
    )
    stage = models.CharField(
        _("customer stage"), max_length=10, choices=Stage.choices, default="prospect"
    )
    grade = models.CharField(_("value grade"), max_length=3, choices=Grade.choices, blank=True)
    tags = models.ManyToManyField(
        CustomerTag, verbose_name=_("tags"), blank=True, related_name="customers"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("salesperson"),
        on_delete=models.PROTECT,
        related_name="owned_customers",
    )
    clerk = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("supporting clerk"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supported_customers",
    )
    team = models.ForeignKey(
        "org.Team", verbose_name=_("team"), on_delete=models.PROTECT, related_name="customers"
    )
    archived = models.BooleanField(_("archived"), default=False)
    archived_reason = models.CharField(_("archive reason"), max_length=200, blank=True)
    archived_on = models.DateField(_("archived on"), null=True, blank=True)
    notes = models.TextField(_("notes"), max_length=NOTE_LENGTH, blank=True)
    health_note = EncryptedTextField(
        _("health note"),
        max_length=NOTE_LENGTH,
        blank=True,
        help_text=_("Stored encrypted; shown only on request."),
    )
    completeness = models.PositiveSmallIntegerField(_("completeness %"), default=0, editable=False)
    missing_fields = models.JSONField(_("missing"), default=list, blank=True, editable=False)

    # Salespeople see what they own; clerks and supervisors the teams they support or lead.
    # The clerk field is deliberately no owner field: a clerk's reach is the team, so a
    # reassignment to another team takes the file out of the old clerk's view at once.
    scope = RowScope(owner=("owner",), team="team")
    # Who may see the sensitive fields' clear values (history, exports): core.history.
    sensitive_permission = "customers.view_sensitive"
    history_exclude = ("missing_fields",)  # derived from the other fields on every save

    class Meta:
        verbose_name = _("customer")
        verbose_name_plural = _("customers")
        ordering = ["-updated", "-pk"]
        permissions = [
            ("view_sensitive", _("Can see ID numbers, mobiles and health notes unmasked")),
            ("import_customer", _("Can import customers from Excel")),
            ("export_customer", _("Can export customer lists")),
            ("reassign_customer", _("Can reassign customers to another salesperson")),
            ("share_customer", _("Can share customer files with colleagues")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["id_type", "id_number_hash"],
                condition=~models.Q(id_number_hash=""),
                name="customer_unique_id_number",
                violation_error_message=_("A customer with this ID number is already on file."),
            ),
            models.CheckConstraint(
                condition=models.Q(archived=False) | models.Q(archived_on__isnull=False),
                name="customer_archived_has_date",
                violation_error_message=_("An archived file needs the date it was archived."),
            ),
            models.CheckConstraint(
                condition=models.Q(completeness__lte=100),
                name="customer_completeness_max_100",
                violation_error_message=_("Completeness is a percentage."),
            ),
        ]
        indexes = [
            models.Index(fields=["team", "archived", "completeness"]),
            models.Index(fields=["owner", "archived"]),
            models.Index(fields=["name_key", "birth_date"]),
            models.Index(fields=["-updated", "-id"], name="customer_recent_idx"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # Derived columns kept in step with the row, whoever saves it.
        self.id_number_hash = keyed_hash(self.id_number)
        self.mobile_hash = keyed_hash(self.mobile)
        self._set_search_keys()
        report = self.completeness_report()
        self.completeness = report.score
        self.missing_fields = report.missing
        super().save(*args, **kwargs)

    @property
    def address(self):
        """The address on one line, a municipality named once (上海市, not 上海市上海市)."""
        parts = [self.province, self.city, self.district, self.street]
        if self.province and self.city == self.province:
            parts[1] = ""
        return "".join(p for p in parts if p)

    def _set_search_keys(self):
        self.name_key = search_key(self.name)[:200]
        self.mobile_last4_hash = keyed_hash(self.mobile[-4:]) if len(self.mobile) >= 4 else ""

    def get_absolute_url(self):
        return reverse("customers:customer", args=[self.pk])

    def clean(self):
        errors = {}
        self.id_number = normalise_id_number(self.id_number)
        self.mobile = normalise_mobile(self.mobile) if self.mobile else ""
        # Digests now, so the unique constraint is checked by full_clean() on the new value.
        self.id_number_hash = keyed_hash(self.id_number)
        self.mobile_hash = keyed_hash(self.mobile)
        self._set_search_keys()
        if self.kind == self.Kind.COMPANY:
            self.gender = ""
            self.birth_date = None
        if self.id_number and not self.id_type:
            errors["id_type"] = _("Choose the type of the ID number.")
        elif self.id_number and self.id_type == self.IdType.PRC_ID:
            try:
                parsed = parse_prc_id(self.id_number)
            except ValidationError as exc:
                errors["id_number"] = exc.messages
            else:
                if self.birth_date is None:
                    self.birth_date = parsed.birth_date
                elif self.birth_date != parsed.birth_date:
                    errors["birth_date"] = _(
                        "The birth date does not match the ID number (%(date)s)."
                    ) % {"date": parsed.birth_date.isoformat()}
                if not self.gender:
                    self.gender = parsed.gender
                elif self.gender != parsed.gender:
                    errors["gender"] = _("The gender does not match the ID number.")
                if not self.province:
                    self.province = parsed.province
        elif self.id_number and self.id_type == self.IdType.USCC:
            try:
                validate_uscc(self.id_number)
            except ValidationError as exc:
                errors["id_number"] = exc.messages
        if self.mobile:
            try:
                validate_mobile(self.mobile)
            except ValidationError as exc:
                errors["mobile"] = exc.messages
        if self.referred_by_id and self.referred_by_id == self.pk:
            errors["referred_by"] = _("A customer cannot refer themselves.")
        stage = self.get_stage_display()
        for name in self.required_fields():
            if name not in errors and self._is_blank(name):
                errors[name] = _("Required for a file at the stage “%(stage)s”.") % {"stage": stage}
        if errors:
            raise ValidationError(errors)

    # --- completeness (this row only) --------------------------------------------------

    def required_fields(self):
        """Fields a file of this kind needs at its stage (a prospect little, a customer all)."""
        return self._completeness_spec()[0]

    def recommended_fields(self):
        return self._completeness_spec()[1]

    def _completeness_spec(self):
        by_stage = COMPLETENESS.get(self.kind) or COMPLETENESS["individual"]
        return by_stage.get(self.stage) or by_stage["prospect"]

    def _is_blank(self, name):
        value = getattr(self, name + "_id" if name == "referred_by" else name, None)
        return value in (None, "")

    def completeness_report(self):
        """Score 0–100 from the stage's required (weight 2) and recommended (weight 1) fields."""
        required, recommended = self.required_fields(), self.recommended_fields()
        missing_required = [n for n in required if self._is_blank(n)]
        missing_recommended = [n for n in recommended if self._is_blank(n)]
        total = 2 * len(required) + len(recommended)
        got = 2 * (len(required) - len(missing_required)) + (
            len(recommended) - len(missing_recommended)
        )
        score = round(100 * got / total) if total else 100
        return Completeness(score, missing_required + missing_recommended, missing_required)

    def missing_labels(self):
        """The verbose names of the fields still missing, required ones first."""
        return [str(self._meta.get_field(n).verbose_name) for n in self.missing_fields or []]

    @property
    def age(self):
        if not self.birth_date:
            return None
        today = dt.date.today()
        years = today.year - self.birth_date.year
        if (today.month, today.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years


class Completeness:
    """A file's completeness score and the fields it lacks (required ones also listed apart)."""

    def __init__(self, score, missing, missing_required):
        self.score = score
        self.missing = missing
        self.missing_required = missing_required


_IND_CUSTOMER = [
    "name",
    "mobile",
    "gender",
    "birth_date",
    "id_type",
    "id_number",
    "province",
    "city",
    "street",
    "occupation",
    "source_channel",
]
_CO_CUSTOMER = [
    "name",
    "contact_person",
    "mobile",
    "id_type",
    "id_number",
    "province",
    "city",
    "street",
    "source_channel",
]
# kind -> stage -> (required, recommended)
COMPLETENESS = {
    "individual": {
        "prospect": (
            ["name", "mobile"],
            ["gender", "birth_date", "source_channel", "city", "occupation"],
        ),
        "intending": (
            ["name", "mobile", "gender", "birth_date", "source_channel"],
            [
                "id_number",
                "email",
                "province",
                "city",
                "occupation",
                "occupation_class",
                "income_band",
                "marital_status",
            ],
        ),
        "customer": (
            _IND_CUSTOMER,
            [
                "email",
                "district",
                "occupation_class",
                "employer",
                "income_band",
                "marital_status",
                "grade",
            ],
        ),
        "lapsed": (
            _IND_CUSTOMER,
            [
                "email",
                "district",
                "occupation_class",
                "employer",
                "income_band",
                "marital_status",
                "grade",
            ],
        ),
    },
    "company": {
        "prospect": (["name", "contact_person", "mobile"], ["source_channel", "city", "email"]),
        "intending": (
            ["name", "contact_person", "mobile", "source_channel"],
            ["id_number", "email", "province", "city", "street"],
        ),
        "customer": (_CO_CUSTOMER, ["email", "district", "grade"]),
        "lapsed": (_CO_CUSTOMER, ["email", "district", "grade"]),
    },
}


class CustomerUserObjectPermission(UserObjectPermissionBase):
    """A customer file explicitly shared with one user (see customer_grant_access)."""

    content_object = models.ForeignKey(Customer, on_delete=models.CASCADE)


class CustomerGroupObjectPermission(GroupObjectPermissionBase):
    """A customer file explicitly shared with a group."""

    content_object = models.ForeignKey(Customer, on_delete=models.CASCADE)


class FamilyMember(BaseModel):
    """A member of the customer's family: who depends on the customer, who may need cover."""

    class Relation(models.TextChoices):
        SPOUSE = "spouse", _("Spouse")
        CHILD = "child", _("Child")
        PARENT = "parent", _("Parent")
        SIBLING = "sibling", _("Brother or sister")
        GRANDPARENT = "grandparent", _("Grandparent")
        OTHER = "other", _("Other")

    customer = models.ForeignKey(
        Customer, verbose_name=_("customer"), on_delete=models.CASCADE, related_name="family"
    )
    relation = models.CharField(_("relation"), max_length=12, choices=Relation.choices)
    name = models.CharField(_("name"), max_length=100)
    birth_date = models.DateField(
        _("birth date"), null=True, blank=True, validators=[validate_birth_date]
    )
    occupation = models.CharField(_("occupation"), max_length=60, blank=True)
    dependent = models.BooleanField(
        _("dependent"), default=False, help_text=_("Lives on the customer's income.")
    )
    id_number = EncryptedTextField(
        _("ID number"),
        max_length=40,
        blank=True,
        help_text=_("Optional. An 18-character number is checked."),
    )
    id_number_hash = models.CharField(
        _("ID number digest"), max_length=64, blank=True, editable=False, db_index=True
    )

    scope = RowScope(parent="customer")
    sensitive_permission = "customers.view_sensitive"

    class Meta:
        verbose_name = _("family member")
        verbose_name_plural = _("family members")
        ordering = ["customer", "relation", "birth_date", "pk"]

    def __str__(self):
        return f"{self.name} ({self.get_relation_display()})"

    def save(self, *args, **kwargs):
        self.id_number_hash = keyed_hash(self.id_number)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("customers:customer_family", args=[self.customer_id])

    def clean(self):
        self.id_number = normalise_id_number(self.id_number)
        if len(self.id_number) == 18:
            try:
                parsed = parse_prc_id(self.id_number)
            except ValidationError as exc:
                raise ValidationError({"id_number": exc.messages}) from exc
            if self.birth_date is None:
                self.birth_date = parsed.birth_date
            elif self.birth_date != parsed.birth_date:
                raise ValidationError(
                    {"birth_date": _("The birth date does not match the ID number.")}
                )


class CustomerNeed(BaseModel):
    """An insurance need on file for the customer, with a note."""

    customer = models.ForeignKey(
        Customer, verbose_name=_("customer"), on_delete=models.CASCADE, related_name="needs"
    )
    kind = models.CharField(_("need"), max_length=20, choices=Need.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)

    scope = RowScope(parent="customer")

    class Meta:
        verbose_name = _("insurance need")
        verbose_name_plural = _("insurance needs")
        ordering = ["customer", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["customer", "kind"],
                name="customerneed_unique_kind",
                violation_error_message=_("This need is already on file for the customer."),
            )
        ]

    def __str__(self):
        return self.get_kind_display()

    def get_absolute_url(self):
        return reverse("customers:customer_needs", args=[self.customer_id])


class ExistingCover(BaseModel):
    """Cover the customer already holds elsewhere (another insurer or agency)."""

    customer = models.ForeignKey(
        Customer, verbose_name=_("customer"), on_delete=models.CASCADE, related_name="covers"
    )
    insurer = models.CharField(_("insurer"), max_length=100)
    cover_type = models.CharField(_("type"), max_length=20, choices=Need.choices)
    sum_insured = models.DecimalField(
        _("sum insured"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    annual_premium = models.DecimalField(
        _("annual premium"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    expiry_date = models.DateField(_("expiry date"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    scope = RowScope(parent="customer")

    class Meta:
        verbose_name = _("existing cover")
        verbose_name_plural = _("existing cover")
        ordering = ["customer", "expiry_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(sum_insured__gte=0) | models.Q(sum_insured__isnull=True))
                & (models.Q(annual_premium__gte=0) | models.Q(annual_premium__isnull=True)),
                name="existingcover_amounts_not_negative",
                violation_error_message=_("Amounts cannot be negative."),
            )
        ]

    def __str__(self):
        return f"{self.insurer} · {self.get_cover_type_display()}"

    def get_absolute_url(self):
        return reverse("customers:customer_needs", args=[self.customer_id])

    def is_expired(self, on=None):
        return bool(self.expiry_date and self.expiry_date < (on or dt.date.today()))


def attachment_path(instance, filename):
    """customers/<customer>/<random>.<ext>: the stored name reveals nothing."""
    ext = os.path.splitext(filename)[1].lower()[:10]
    return f"customers/{instance.customer_id}/{uuid.uuid4().hex}{ext}"


class CustomerAttachment(BaseModel):
    """A document in the customer's file: ID copy, health report, signed form, ..."""

    class Kind(models.TextChoices):
        ID_COPY = "id_copy", _("ID copy")
        HOUSEHOLD = "household", _("Household register")
        BANK_CARD = "bank_card", _("Bank card")
        HEALTH = "health", _("Health report")
        FORM = "form", _("Signed form")
        POLICY = "policy", _("Policy from another insurer")
        OTHER = "other", _("Other")

    class Classification(models.TextChoices):
        INTERNAL = "internal", _("Internal")
        CONFIDENTIAL = "confidential", _("Confidential")
        SECRET = "secret", _("Strictly confidential")

    customer = models.ForeignKey(
        Customer, verbose_name=_("customer"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(
        _("file"),
        upload_to=attachment_path,
        max_length=255,
        validators=[FileValidator(kinds=DOCUMENTS)],
    )
    original_name = models.CharField(_("file name"), max_length=200, blank=True, editable=False)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default="other")
    classification = models.CharField(
        _("confidentiality class"),
        max_length=12,
        choices=Classification.choices,
        default="confidential",
        help_text=_("Strictly confidential files open only for those who may see sensitive data."),
    )
    description = models.CharField(_("description"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    scope = RowScope(parent="customer")

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["customer", "-created", "-pk"]

    def __str__(self):
        return self.description or self.original_name or self.get_kind_display()

    def get_absolute_url(self):
        return reverse("customers:customer_attachments", args=[self.customer_id])
