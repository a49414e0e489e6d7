"""Search in every interface language: ``Good.search_terms`` (the names of a record's SDGs,
sectors and types in English, Russian and Kazakh), filled for the goods already stored.

On PostgreSQL the generated tsvector is re-created with the terms at the lowest weight, once
with the 'simple' configuration (every word as written, for prefix matches in any language)
and once with 'russian' (Russian stems, so «здоровья» finds «здоровье»; its Latin words get
English stems). query.py searches it with one prefix query and one stemmed query per word.
"""

from __future__ import annotations

from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

CREATE = """
ALTER TABLE registry_good ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', coalesce(name, '')), 'A') ||
    setweight(to_tsvector('simple', coalesce(aliases_text, '')), 'B') ||
    setweight(to_tsvector('simple', coalesce(description, '')), 'C') ||
    setweight(to_tsvector('simple', coalesce(search_terms, '')), 'D') ||
    setweight(to_tsvector('russian', coalesce(search_terms, '')), 'D')
) STORED;
CREATE INDEX registry_good_search_tsv ON registry_good USING GIN (search_tsv);
"""
# As migration 0002 made it (for going back).
CREATE_0002 = """
ALTER TABLE registry_good ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', coalesce(name, '')), 'A') ||
    setweight(to_tsvector('simple', coalesce(aliases_text, '')), 'B') ||
    setweight(to_tsvector('simple', coalesce(description, '')), 'C')
) STORED;
CREATE INDEX registry_good_search_tsv ON registry_good USING GIN (search_tsv);
"""
DROP = """
DROP INDEX IF EXISTS registry_good_search_tsv;
ALTER TABLE registry_good DROP COLUMN IF EXISTS search_tsv;
"""


def fill_terms(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    import json

    from dpgkit.web.registry.vocabulary import search_terms

    good_model = apps.get_model("registry", "Good")
    changed = []
    for good in good_model.objects.only("pk", "record_json").iterator():
        good.search_terms = search_terms(json.loads(good.record_json))
        changed.append(good)
    good_model.objects.bulk_update(changed, ["search_terms"], batch_size=500)


def create(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)
        schema_editor.execute(CREATE)


def drop(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)
        schema_editor.execute(CREATE_0002)


class Migration(migrations.Migration):
    dependencies = [("registry", "0002_postgres_search")]
    operations = [
        migrations.AddField(
            model_name="good",
            name="search_terms",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.RunPython(fill_terms, migrations.RunPython.noop, elidable=False),
        migrations.RunPython(create, drop, elidable=False),
    ]
