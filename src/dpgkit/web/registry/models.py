"""Registry records as stored: the registry's own JSON is the source of truth.

A ``Good`` keeps the nominee record exactly as imported (so exports round-trip byte for byte
in content) plus the columns and ``Facet`` rows derived from it that list pages filter, sort
and search on. A ``Screening`` keeps a screening record under its file slug; it is linked to
the good with the same slug when there is one (the registry has screenings without nominee
records, which are kept and exported but not shown).
"""

from __future__ import annotations

import json
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    DPG = "DPG", _("Digital public good")
    NOMINEE = "nominee", _("Nominee")
    ARCHIVE = "archive", _("Archived")


class Good(models.Model):
    slug = models.SlugField(max_length=200, unique=True)
    name = models.CharField(max_length=500)
    sort_name = models.CharField(max_length=500, db_index=True)
    description = models.TextField(blank=True)
    website = models.CharField(max_length=1000, blank=True)
    stage = models.CharField(max_length=20, choices=Stage.choices, db_index=True)
    # Name, aliases and description, case-folded: the SQLite search fallback matches on it
    # and PostgreSQL builds its weighted tsvector from the columns (see migration 0002).
    aliases_text = models.TextField(blank=True)
    search_document = models.TextField(blank=True)
    # Names of the record's SDGs, sectors and types in every interface language, case-folded
    # (vocabulary.search_terms): a search in Russian or Kazakh finds the record by them.
    search_terms = models.TextField(blank=True, default="")
    # The record's JSON text with its own key order (a JSONField on PostgreSQL is jsonb,
    # which reorders keys); the API and exports pass it through without re-encoding.
    record_json = models.TextField()
    record_sha256 = models.CharField(max_length=64)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["sort_name", "slug"]

    @property
    def record(self) -> dict[str, Any]:
        parsed: dict[str, Any] = json.loads(self.record_json)
        return parsed

    def __str__(self) -> str:
        return self.name


class FacetKind(models.TextChoices):
    SDG = "sdg", _("SDG")
    TYPE = "type", _("Type")
    LICENSE = "license", _("License")
    SECTOR = "sector", _("Sector")
    COUNTRY = "country", _("Deployment country")


class Facet(models.Model):
    """One filterable value of a good (an SDG number, a license, a deployment country...)."""

    good = models.ForeignKey(Good, on_delete=models.CASCADE, related_name="facets")
    kind = models.CharField(max_length=10, choices=FacetKind.choices)
    value = models.CharField(max_length=300)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["good", "kind", "value"], name="registry_facet_once")
        ]
        indexes = [models.Index(fields=["kind", "value"], name="registry_facet_lookup")]

    def __str__(self) -> str:
        return f"{self.kind}={self.value}"


class Screening(models.Model):
    slug = models.SlugField(max_length=200, unique=True)
    good = models.OneToOneField(
        Good, on_delete=models.SET_NULL, null=True, blank=True, related_name="screening"
    )
    record_json = models.TextField()
    record_sha256 = models.CharField(max_length=64)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["slug"]

    @property
    def record(self) -> dict[str, Any]:
        parsed: dict[str, Any] = json.loads(self.record_json)
        return parsed

    def __str__(self) -> str:
        return self.slug
