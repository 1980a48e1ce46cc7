"""The investment basis (investeringsgrundlag): the need per institution, the device catalogue
with its compliance, the IT-guideline rules, the need rules, the existing inventory, and the
device plan that generates the budget's device lines.

The catalogue, guidelines, need rules and inventory belong to the organisation (shared by its
processes) and are reached through a process the user is a member of: an object of another
organisation answers 404. Reading needs VIEW; every change, also granting an exception and
regenerating the device plan's cost lines, needs EDIT (the Digitalisation department and
finance are contributors; regeneration only derives lines from data they may already change).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from actionplan import budget_selectors, budget_services
from actionplan.budget_forms import (
    ComplianceExceptionForm,
    DeviceCategoryForm,
    DeviceModelForm,
    DevicePlanItemForm,
    DevicePlanSettingsForm,
    InventoryImportForm,
    InventoryItemForm,
    ITGuidelineForm,
    NeedRuleForm,
)
from actionplan.models import (
    ComplianceException,
    DeviceCategory,
    DeviceModel,
    DevicePlanItem,
    InventoryItem,
    ITGuideline,
    NeedRule,
)
from core.csvimport import CsvError, CsvResult, read_csv
from core.http import add_service_errors, form_status, post_data, post_files
from strategy.models import OrgUnit
from strategy.permissions import Perm, get_object_in_process, get_process_for_user


def _in_organisation(queryset: QuerySet, process, organisation_field: str, pk: int) -> Model:
    """An organisation-level object (catalogue, rules, inventory) of the process's
    organisation; 404 for any other."""
    try:
        return queryset.get(**{organisation_field: process.organisation_id, "pk": pk})
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc


def _url(name: str, process, anchor: str = "") -> str:
    url = reverse(f"actionplan:{name}", kwargs={"slug": process.slug})
    return f"{url}#{anchor}" if anchor else url


def _form_page(request, process, form, *, heading, back, back_label, submit, delete_url=None):
    ctx = {
        "process": process,
        "form": form,
        "heading": heading,
        "back_url": back,
        "back_label": back_label,
        "submit_label": submit,
        "delete_url": delete_url,
    }
    return render(request, "actionplan/budget/form.html", ctx, status=form_status(form))


# --- The investment basis: need per institution ---------------------------------------------


@login_required
@require_safe
def investment(request: HttpRequest, slug: str) -> HttpResponse:
    """The need per institution and category in the budget year, minus the usable inventory,
    with totals; the existing devices usable and not usable."""
    process = get_process_for_user(request.user, slug, Perm.VIEW)
    table = budget_selectors.need_table(process)
    ctx = {
        "process": process,
        "table": table,
        "category_totals": list(
            zip(table.categories, table.totals, table.need_totals, strict=True)
        ),
    }
    return render(request, "actionplan/budget/investment.html", ctx)


# --- The catalogue ------------------------------------------------------------------------


@login_required
@require_safe
def device_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The catalogue with each item's result per IT-guideline rule, the reason, and the overall
    status (words, not colour only)."""
    process = get_process_for_user(request.user, slug, Perm.VIEW)
    ctx = {"process": process, "catalogue": budget_selectors.catalogue(process)}
    return render(request, "actionplan/budget/catalogue.html", ctx)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def device_create(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_for_user(request.user, slug, Perm.EDIT)
    return _device_form(request, process, DeviceModel(organisation=process.organisation))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def device_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = get_process_for_user(request.user, slug, Perm.EDIT)
    model = _in_organisation(DeviceModel.objects.all(), process, "organisation_id", pk)
    return _device_form(request, process, model)


def _device_form(request, process, model: DeviceModel) -> HttpResponse:
    is_new = model.pk is None
    form = DeviceModelForm(post_data(request), instance=model, organisation=process.organisation)
    if form.is_valid():
        try:
            budget_services.device_model_save(model=form.instance, user=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The catalogue item was saved."))
            return redirect(_url("device.list", process, f"device-{model.pk}"))
    return _form_page(
        request,
        process,
        form,
        heading=_("New catalogue item") if is_new else _("Edit catalogue item"),
        back=_url("device.list", process),
        back_label=_("Device catalogue"),
        submit=_("Save"),
    )


# --- IT guidelines --------------------------------------------------------------------------


@login_required
@require_safe
def guideline_list(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_for_user(request.user, slug, Perm.VIEW)
    ctx = {"process": process, "guidelines": budget_selectors.guidelines_for_process(process)}
    return render(request, "actionplan/budget/guidelines.html", ctx)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def guideline_create(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_for_user(request.user, slug, Perm.EDIT)
    return _guideline_form(request, process, ITGuideline(organisation=process.organisation))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def guideline_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = get_process_for_user(request.user, slug, Perm.EDIT)
    guideline = _in_organisation(ITGuideline.objects.all(), process, "organisation_id", pk)
    return _guideline_form(request, process, guideline)


def _guideline_form(request, process, guideline: ITGuideline) -> HttpResponse:
    is_new = guideline.pk is None
    form = ITGuidelineForm(
        post_data(request), instance=guideline, organisation=process.organisation
    )
    if form.is_valid():
        try:
            budget_services.guideline_save(guideline=form.instance, user=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The guideline rule was saved."))
            return redirect(_url("guideline.list", process, f"guideline-{guideline.pk}"))
    return _form_page(
        request,
        process,
        form,
        heading=_("New guideline rule") if is_new else _("Edit guideline rule"),
        back=_url("guideline.list", process),
        back_label=_("IT guidelines"),
        submit=_("Save"),
    )


# --- Need rules and device categories -----------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def need_rule_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The device categories with their need rules; POST adds a category."""
    process = get_process_for_user(
        request.user, slug, Perm.EDIT if request.method == "POST" else Perm.VIEW
    )
    form = None
    if "edit" in process.perms:
        form = DeviceCategoryForm(post_data(request), organisation=process.organisation)
    if form is not None and form.is_valid():
        try:
            budget_services.category_save(category=form.instance)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The device category was added."))
            return redirect(_url("needrule.list", process))
    ctx = {
        "process": process,
        "groups": budget_selectors.need_rules_by_category(process),
        "category_form": form,
    }
    status = form_status(form) if form is not None else 200
    return render(request, "actionplan/budget/need_rules.html", ctx, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def need_rule_create(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_for_user(request.user, slug, Perm.EDIT)
    initial = {}
    category = request.GET.get("category", "")
    if category.isdigit():
        initial["category"] = int(category)
    return _need_rule_form(request, process, NeedRule(), initial=initial)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def need_rule_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = get_process_for_user(request.user, slug, Perm.EDIT)
    rule = _in_organisation(NeedRule.objects.all(), process, "category__organisation_id", pk)
    return _need_rule_form(request, process, rule)


def _need_rule_form(request, process, rule: NeedRule, initial=None) -> HttpResponse:
    is_new = rule.pk is None
    form = NeedRuleForm(
        post_data(request), instance=rule, organisation=process.organisation, initial=initial
    )
    if form.is_valid():
        try:
            budget_services.need_rule_save(rule=form.instance, user=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The need rule was saved."))
            return redirect(_url("needrule.list", process, f"needrule-{rule.pk}"))
    delete_url = None
    if not is_new:
        delete_url = reverse(
            "actionplan:needrule.delete", kwargs={"slug": process.slug, "pk": rule.pk}
        )
    return _form_page(
        request,
        process,
        form,
        heading=_("New need rule") if is_new else _("Edit need rule"),
        back=_url("needrule.list", process),
        back_label=_("Need rules"),
        submit=_("Save"),
        delete_url=delete_url,
    )


@login_required
@require_POST
def need_rule_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = get_process_for_user(request.user, slug, Perm.EDIT)
    rule = _in_organisation(NeedRule.objects.all(), process, "category__organisation_id", pk)
    budget_services.need_rule_delete(rule=rule)
    messages.success(request, _("The need rule was deleted."))
    return redirect(_url("needrule.list", process))


# --- Inventory ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def inventory_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The existing devices per institution, whether each is usable in the budget year; POST
    adds an item."""
    process = get_process_for_user(
        request.user, slug, Perm.EDIT if request.method == "POST" else Perm.VIEW
    )
    form = None
    if "edit" in process.perms:
        form = InventoryItemForm(post_data(request), organisation=process.organisation)
    if form is not None and form.is_valid():
        try:
            budget_services.inventory_item_save(item=form.instance)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The devices were added to the inventory."))
            return redirect(_url("inventory.list", process))
    items = list(budget_selectors.inventory_for_process(process))
    for item in items:
        item.usable = item.usable_in(process.budget_year)
    ctx = {
        "process": process,
        "items": items,
        "usable": sum(item.quantity for item in items if item.usable),
        "not_usable": sum(item.quantity for item in items if not item.usable),
        "form": form,
    }
    status = form_status(form) if form is not None else 200
    return render(request, "actionplan/budget/inventory.html", ctx, status=status)


@login_required
@require_POST
def inventory_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = get_process_for_user(request.user, slug, Perm.EDIT)
    item = _in_organisation(InventoryItem.objects.all(), process, "organisation_id", pk)
    budget_services.inventory_item_delete(item=item)
    messages.success(request, _("The devices were removed from the inventory."))
    return redirect(_url("inventory.list", process))


# Accepted (normalised) CSV headers of the inventory import, Danish and English.
INVENTORY_CSV_COLUMNS = {
    "institution": "org_unit",
    "kategori": "category",
    "category": "category",
    "model": "model_name",
    "antal": "quantity",
    "quantity": "quantity",
    "indkøbsår": "purchase_year",
    "purchase_year": "purchase_year",
    "os_opdateringer_til": "os_support_until",
    "os_updates_until": "os_support_until",
}
INVENTORY_CSV_REQUIRED = {"org_unit", "category", "model_name", "quantity", "purchase_year"}


def _inventory_import(process, upload) -> CsvResult:
    """Add inventory items from a CSV file, all or nothing: when any row is invalid the
    result lists every error by line number and nothing is written. (A small import kept in
    the view module; it writes through budget_services.inventory_item_save.)"""
    result = CsvResult()
    try:
        rows = read_csv(upload, columns=INVENTORY_CSV_COLUMNS, required=INVENTORY_CSV_REQUIRED)
    except CsvError as exc:
        result.errors.append((None, str(exc)))
        return result
    organisation = process.organisation
    units = {u.name.casefold(): u.pk for u in OrgUnit.objects.filter(organisation=organisation)}
    categories = {
        c.name.casefold(): c.pk for c in DeviceCategory.objects.filter(organisation=organisation)
    }
    valid = []
    for row in rows:
        if "__error__" in row.values:
            result.errors.append((row.line, row.values["__error__"]))
            continue
        data = dict(row.values)
        unit = units.get(data["org_unit"].casefold())
        category = categories.get(data["category"].casefold())
        if unit is None:
            message = _("No institution is called “%(name)s”.") % {"name": data["org_unit"]}
            result.errors.append((row.line, message))
        if category is None:
            message = _("No device category is called “%(name)s”.") % {"name": data["category"]}
            result.errors.append((row.line, message))
        if unit is None or category is None:
            continue
        form = InventoryItemForm(
            data={**data, "org_unit": unit, "category": category}, organisation=organisation
        )
        if not form.is_valid():
            for name, messages_ in form.errors.items():
                label = form.fields[name].label if name in form.fields else ""
                for message in messages_:
                    result.errors.append((row.line, f"{label}: {message}" if label else message))
            continue
        valid.append(form.instance)
    if result.errors:
        return result
    with transaction.atomic():
        for item in valid:
            budget_services.inventory_item_save(item=item)
            result.created += 1
    return result


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def inventory_import(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_for_user(request.user, slug, Perm.EDIT)
    form = InventoryImportForm(post_data(request), post_files(request))
    result = None
    if form.is_valid():
        result = _inventory_import(process, form.cleaned_data["file"])
        if result.ok:
            messages.success(
                request,
                _("Imported %(count)d inventory items.") % {"count": result.created},
            )
            return redirect(_url("inventory.list", process))
    status = 400 if (form.errors or (result and not result.ok)) else 200
    ctx = {"process": process, "form": form, "result": result}
    return render(request, "actionplan/budget/inventory_import.html", ctx, status=status)


# --- The device plan ------------------------------------------------------------------------


def _render_plan(request, process, status: int = 200, **forms) -> HttpResponse:
    plan = budget_selectors.device_plan(process)
    ctx = {"process": process, "plan": plan}
    if "edit" in process.perms:
        catalogue = budget_selectors.catalogue(process)
        candidates = [row.model for row in catalogue.rows if row.needs_exception]
        ctx.update(
            settings_form=forms.get("settings_form")
            or DevicePlanSettingsForm(instance=plan.settings, process=process),
            exception_form=forms.get("exception_form")
            or ComplianceExceptionForm(process=process, candidates=candidates),
            candidates=candidates,
        )
    return render(request, "actionplan/budget/device_plan.html", ctx, status=status)


@login_required
@require_safe
def device_plan(request: HttpRequest, slug: str) -> HttpResponse:
    """The device plan: per category the model, the initiative, the purchase year and the
    number of devices; where the process-level lines go; exceptions; regeneration."""
    process = get_process_for_user(request.user, slug, Perm.VIEW)
    return _render_plan(request, process)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def plan_item_create(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_for_user(request.user, slug, Perm.EDIT)
    return _plan_item_form(request, process, DevicePlanItem(process=process))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def plan_item_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = get_process_for_user(request.user, slug, Perm.EDIT)
    item = get_object_in_process(DevicePlanItem.objects.all(), process, pk=pk)
    return _plan_item_form(request, process, item)


def _plan_item_form(request, process, item: DevicePlanItem) -> HttpResponse:
    is_new = item.pk is None
    form = DevicePlanItemForm(post_data(request), instance=item, process=process)
    if form.is_valid():
        try:
            budget_services.plan_item_save(item=form.instance, user=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("The device plan was saved. Generate the budget lines to update the budget."),
            )
            return redirect(_url("deviceplan", process, f"planitem-{item.pk}"))
    delete_url = None
    if not is_new:
        delete_url = reverse(
            "actionplan:planitem.delete", kwargs={"slug": process.slug, "pk": item.pk}
        )
    return _form_page(
        request,
        process,
        form,
        heading=_("Add a category to the device plan") if is_new else _("Edit device plan item"),
        back=_url("deviceplan", process),
        back_label=_("Device plan"),
        submit=_("Save"),
        delete_url=delete_url,
    )


@login_required
@require_POST
def plan_item_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = get_process_for_user(request.user, slug, Perm.EDIT)
    item = get_object_in_process(DevicePlanItem.objects.all(), process, pk=pk)
    budget_services.plan_item_delete(item=item)
    messages.success(
        request, _("The item and its budget lines were deleted. Generate the lines again.")
    )
    return redirect(_url("deviceplan", process))


@login_required
@require_POST
def plan_settings(request: HttpRequest, slug: str) -> HttpResponse:
    """Where the setup, operations and replacement lines go and how they are financed."""
    process = get_process_for_user(request.user, slug, Perm.EDIT)
    form = DevicePlanSettingsForm(
        request.POST, instance=budget_selectors.plan_settings(process), process=process
    )
    if form.is_valid():
        try:
            budget_services.plan_settings_save(settings=form.instance)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The settings were saved."))
            return redirect(_url("deviceplan", process, "plan-settings"))
    return _render_plan(request, process, status=400, settings_form=form)


@login_required
@require_POST
def plan_regenerate(request: HttpRequest, slug: str) -> HttpResponse:
    """Bring the generated cost lines in line with the plan (hand-written lines untouched)."""
    process = get_process_for_user(request.user, slug, Perm.EDIT)
    try:
        result = budget_services.device_plan_regenerate(process=process, user=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(_url("deviceplan", process))
    if result.changed:
        messages.success(
            request,
            _("Budget lines generated: %(created)d new, %(updated)d changed, %(deleted)d removed.")
            % {"created": result.created, "updated": result.updated, "deleted": result.deleted},
        )
    else:
        messages.info(request, _("The budget lines were already up to date."))
    return redirect(_url("deviceplan", process))


@login_required
@require_POST
def exception_create(request: HttpRequest, slug: str) -> HttpResponse:
    """Record who lets a non-compliant catalogue item into this plan, and why."""
    process = get_process_for_user(request.user, slug, Perm.EDIT)
    catalogue = budget_selectors.catalogue(process)
    candidates = [row.model for row in catalogue.rows if row.needs_exception]
    form = ComplianceExceptionForm(request.POST, process=process, candidates=candidates)
    if form.is_valid():
        try:
            budget_services.exception_grant(
                process=process,
                device_model=form.cleaned_data["device_model"],
                reason=form.cleaned_data["reason"],
                user=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The exception was recorded."))
            return redirect(_url("deviceplan", process, "plan-exceptions"))
    return _render_plan(request, process, status=400, exception_form=form)


@login_required
@require_POST
def exception_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = get_process_for_user(request.user, slug, Perm.EDIT)
    exception = get_object_in_process(ComplianceException.objects.all(), process, pk=pk)
    budget_services.exception_revoke(exception=exception)
    messages.success(request, _("The exception was revoked."))
    return redirect(_url("deviceplan", process, "plan-exceptions"))
