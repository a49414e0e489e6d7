"""Data-model readers on real sources, and bad input that must become a problem, not a crash."""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dpgkit.inventory import build_inventory
from dpgkit.pii import PersonalData, Scale, analyse_personal_data
from dpgkit.pii.readers import python_models

RepoFactory = Callable[..., Path]


def _analyse(repo_factory: RepoFactory, files: dict[str, str | bytes]) -> PersonalData:
    return analyse_personal_data(build_inventory(repo_factory(files)))


def _found(report: PersonalData) -> set[tuple[str, str, str]]:
    """(entity.field, category, source) for every personal field."""
    return {
        (f"{item.field.entity}.{item.field.name}", item.category.id, item.field.source)
        for item in report.personal
    }


def test_sqlalchemy_declarative_tables_and_alembic(repo_factory: RepoFactory) -> None:
    report = _analyse(
        repo_factory,
        {
            "app/db.py": (
                "from sqlalchemy import Column, String, Table\n"
                "from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column\n\n"
                "class Base(DeclarativeBase):\n    pass\n\n"
                "class Member(Base):\n"
                "    __tablename__ = 'members'\n"
                "    email: Mapped[str] = mapped_column(String(200))\n"
                "    passport_no: Mapped[str]\n"
                "    religion = Column(String)\n\n"
                "visits = Table('visits', Base.metadata, Column('client_ip', String))\n"
            ),
            "migrations/versions/001_add.py": (
                "import sqlalchemy as sa\nfrom alembic import op\n\n"
                "def upgrade():\n"
                "    op.create_table('donors', sa.Column('mobile', sa.String()))\n"
            ),
        },
    )
    assert _found(report) >= {
        ("Member.email", "email", "SQLAlchemy model"),
        ("Member.passport_no", "passport", "SQLAlchemy model"),
        ("Member.religion", "religion", "SQLAlchemy model"),
        ("visits.client_ip", "ip_address", "SQLAlchemy table"),
        ("donors.mobile", "phone", "Alembic migration"),
    }
    assert report.scale is Scale.STORED


def test_django_migrations(repo_factory: RepoFactory) -> None:
    report = _analyse(
        repo_factory,
        {
            "app/migrations/0001_initial.py": (
                "from django.db import migrations, models\n\n"
                "class Migration(migrations.Migration):\n"
                "    operations = [\n"
                "        migrations.CreateModel(name='Beneficiary', fields=[\n"
                "            ('id', models.AutoField(primary_key=True)),\n"
                "            ('national_id', models.CharField(max_length=20)),\n"
                "        ]),\n"
                "        migrations.AddField(model_name='beneficiary', name='gps', field=models.CharField()),\n"
                "    ]\n"
            )
        },
    )
    assert ("Beneficiary.national_id", "national_id", "Django migration") in _found(report)
    assert ("beneficiary.gps", "precise_location", "Django migration") in _found(report)


def test_rails_and_laravel(repo_factory: RepoFactory) -> None:
    report = _analyse(
        repo_factory,
        {
            "db/schema.rb": (
                'create_table "patients", force: :cascade do |t|\n'
                '  t.string "full_name"\n  t.date "birth_date"\n  t.string "hiv_status"\nend\n'
            ),
            "db/migrate/20200101_add_phone.rb": "add_column :users, :phone_number, :string\n",
            "app/models/user.rb": "class User < ApplicationRecord\n  has_one_attached :avatar\nend\n",
            "database/migrations/2020_01_01_create_farmers.php": (
                "<?php\nSchema::create('farmers', function (Blueprint $table) {\n"
                "    $table->string('nin')->unique();\n    $table->foreign('user_id');\n});\n"
            ),
        },
    )
    assert _found(report) >= {
        ("patients.full_name", "name", "Rails schema"),
        ("patients.birth_date", "date_of_birth", "Rails schema"),
        ("patients.hiv_status", "health", "Rails schema"),
        ("users.phone_number", "phone", "Rails migration"),
        ("User.avatar", "photo", "Rails model"),
        ("farmers.nin", "national_id", "Laravel migration"),
    }


def test_javascript_models(repo_factory: RepoFactory) -> None:
    report = _analyse(
        repo_factory,
        {
            "prisma/schema.prisma": "model Voter {\n  id Int @id\n  voterId String\n  ethnicity String?\n}\n",
            "src/entity/Citizen.ts": (
                "@Entity()\nexport class Citizen {\n  @PrimaryGeneratedColumn() id: number;\n"
                "  @Column({ nullable: true })\n  dateOfBirth?: Date;\n}\n"
            ),
            "models/client.js": (
                "module.exports = (sequelize, DataTypes) => sequelize.define('Client', {\n"
                "  email: { type: DataTypes.STRING, validate: { isEmail: true } },\n"
                "  address: DataTypes.STRING,\n});\n"
            ),
            "models/person.js": "const PersonSchema = new mongoose.Schema({ surname: String, sexual_orientation: String });\n",
        },
    )
    assert _found(report) >= {
        ("Voter.voterId", "national_id", "Prisma model"),
        ("Voter.ethnicity", "ethnicity", "Prisma model"),
        ("Citizen.dateOfBirth", "date_of_birth", "TypeORM entity"),
        ("Client.email", "email", "Sequelize model"),
        ("Client.address", "postal_address", "Sequelize model"),
        ("Person.surname", "name", "Mongoose schema"),
        ("Person.sexual_orientation", "sexual_orientation", "Mongoose schema"),
    }
    lines = {item.field.name: item.field.line for item in report.personal}
    assert lines["dateOfBirth"] == 5 and lines["email"] == 2


def test_sql_ddl_and_invalid_sql(repo_factory: RepoFactory) -> None:
    report = _analyse(
        repo_factory,
        {
            "db/init.sql": (
                "-- schema\nCREATE TABLE IF NOT EXISTS citizens (\n  id serial PRIMARY KEY,\n"
                '  iin char(12) NOT NULL,\n  "фамилия" text,\n  location geography(Point, 4326)\n);\n'
                "ALTER TABLE citizens ADD COLUMN disability text;\n"
                "INSERT INTO citizens VALUES (1, '123456789012', 'x', NULL);\n"
            ),
            "db/broken.sql": "CREATE TABLE people (\n  email text,,\n  ((( nonsense\n",
        },
    )
    found = _found(report)
    assert ("citizens.iin", "national_id", "SQL table") in found
    assert ("citizens.фамилия", "name", "SQL table") in found
    assert ("citizens.location", "precise_location", "SQL table") in found
    assert ("citizens.disability", "disability", "SQL table") in found
    assert ("people.email", "email", "SQL table") in found  # read by pattern
    assert [p.path for p in report.problems] == ["db/broken.sql"]
    iin = next(i for i in report.personal if i.field.name == "iin")
    assert iin.field.line == 4


def test_api_schemas_make_data_distributed(repo_factory: RepoFactory) -> None:
    report = _analyse(
        repo_factory,
        {
            "api/openapi.yaml": (
                "openapi: 3.0.3\ninfo: {title: x, version: '1'}\ncomponents:\n  schemas:\n"
                "    Patient:\n      type: object\n      properties:\n"
                "        diagnosis: {type: string}\n        phoneNumber: {type: string}\n"
            ),
            "schema/registration.schema.json": (
                '{"$schema": "http://json-schema.org/draft-07/schema#", "title": "Registration",'
                ' "type": "object", "properties": {"email": {"type": "string", "format": "email"}}}'
            ),
            "schema.graphql": "type Query { me: User }\ntype User {\n  id: ID!\n  ipAddress: String\n}\n",
        },
    )
    found = _found(report)
    assert ("Patient.diagnosis", "health", "OpenAPI schema") in found
    assert ("Registration.email", "email", "JSON Schema") in found
    assert ("User.ipAddress", "ip_address", "GraphQL type") in found
    assert report.scale is Scale.DISTRIBUTED


def test_forms_collect(repo_factory: RepoFactory) -> None:
    report = _analyse(
        repo_factory,
        {
            "forms/household.xml": (
                '<?xml version="1.0"?>\n<h:html xmlns="http://www.w3.org/2002/xforms" '
                'xmlns:h="http://www.w3.org/1999/xhtml"><h:head><model>\n'
                '<bind nodeset="/data/respondent_name" type="string"/>\n'
                '<bind nodeset="/data/location" type="geopoint"/>\n</model></h:head></h:html>\n'
            ),
            "forms/survey.csv": "type,name,label\ntext,mother_phone,Phone\nbegin group,g,G\n",
            "templates/signup.html": '<form><input type="email" name="contact"><input type="submit"></form>',
        },
    )
    found = _found(report)
    assert ("household.xml.respondent_name", "name", "ODK XForm") in found
    assert ("household.xml.location", "precise_location", "ODK XForm") in found
    assert ("survey.csv.mother_phone", "phone", "XLSForm") in found
    assert ("form in signup.html.contact", "email", "HTML form") in found
    assert report.scale is Scale.COLLECTED


def test_third_party_sdks_distribute(repo_factory: RepoFactory) -> None:
    report = _analyse(
        repo_factory,
        {
            "models.py": "from django.db import models\nclass Profile(models.Model):\n    email = models.EmailField()\n",
            "package.json": '{"dependencies": {"@sentry/browser": "^7", "mixpanel-browser": "2"}}',
        },
    )
    assert {party.name for party in report.third_parties} == {"Sentry", "Mixpanel"}
    assert report.scale is Scale.DISTRIBUTED


def test_the_one_search_for_any_service_finds_what_each_service_search_finds(
    repo_factory: RepoFactory,
) -> None:
    """Manifests are searched for third-party services once, with an RE2 gate of all their
    patterns, before each service's own pattern; the gate drops word boundaries, so it opens
    where a pattern does not (a Unicode letter beside the name), never the reverse."""
    from dpgkit.evidence.mentions import first_use
    from dpgkit.pii.analysis import _third_party_patterns, find_third_parties

    root = repo_factory(
        {
            "package.json": '{"dependencies": {"@sentry/browser": "^7"}}\n',
            "web/package.json": '{"dependencies": {"левыйstripe": "1", "éfirebase": "2"}}\n',
            "app/requirements.txt": "django\n# no Mixpanel here\nFIREBASE-admin==6\nTwilio==8\n",
            "tools/pyproject.toml": '[project]\nname = "plain"\n',
        }
    )
    inventory = build_inventory(root)
    found = {party.name: party.path for party in find_third_parties(inventory)}
    expected: dict[str, str] = {}
    for entry in inventory.own_files():
        for name, pattern in _third_party_patterns().items():
            lines = inventory.search(entry, pattern) if name not in expected else []
            if any(first_use(line, pattern) is not None for _number, line in lines):
                expected[name] = entry.path
    assert found == expected
    assert found == {"Sentry": "package.json", "Firebase": "app/requirements.txt",
                     "Twilio": "app/requirements.txt"}  # fmt: skip


def test_bad_input_is_a_problem_not_a_crash(repo_factory: RepoFactory) -> None:
    bomb = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\nproperties: [*c]\nopenapi: "3"\n'
    report = _analyse(
        repo_factory,
        {
            "app/models.py": b"\x00\x01\x02\xff" * 4000,  # binary named like a source
            "legacy/models.py": "from django.db import models\nclass Broken(models.Model:\n    email = models.EmailField(\n",
            "api/openapi.yaml": bomb,
            "big/models.py": "from django.db import models\n" + "# x\n" * 400_000,
            "static/schema.js": "var a=new Schema({x:1});" * 3000,
            "deep/models.py": "from django.db import models\nclass A(models.Model):\n    x = "
            + "(" * 5000
            + ")" * 5000
            + "\n",
        },
    )
    problems = {p.path: p.message for p in report.problems}
    assert "binary" in problems["app/models.py"]
    assert "not valid Python" in problems["legacy/models.py"]
    assert "aliases are not accepted" in problems["api/openapi.yaml"]
    assert "too large" in problems["big/models.py"]
    assert "minified" in problems["static/schema.js"]
    assert "deep/models.py" in problems
    assert report.personal == []
    assert report.scale is Scale.NOT_COLLECTED


def test_relation_to_djangos_own_user_model_means_its_fields_are_stored(
    repo_factory: RepoFactory,
) -> None:
    report = _analyse(
        repo_factory,
        {
            "app/models.py": (
                "from django.conf import settings\nfrom django.db import models\n\n"
                "class Survey(models.Model):\n"
                "    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)\n"
                "    score = models.IntegerField()\n"
            ),
        },
    )
    found = _found(report)
    assert ("User (django.contrib.auth).email", "email", "Django model") in found
    assert any(field.startswith("User (django.contrib.auth).first_name") for field, _, _ in found)
    located = next(i for i in report.personal if i.field.name == "email")
    assert (located.field.path, located.field.line) == ("app/models.py", 5)


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the Python model reader parses, in order (ast.parse counted)."""
    files: list[str] = []
    real_parse = python_models.ast.parse

    def counting_parse(source: str, filename: str = "<unknown>", **kwargs: Any) -> ast.Module:
        files.append(filename)
        return real_parse(source, filename, **kwargs)

    monkeypatch.setattr(python_models.ast, "parse", counting_parse)
    return files


def test_files_that_cannot_hold_models_are_not_parsed(
    repo_factory: RepoFactory, parsed: list[str]
) -> None:
    """A migration that only alters fields holds no model and no call the reader reads: it
    is skipped without parsing, while any class statement the plain reading cannot rule
    out (keyword bases, the word "class" elsewhere) is still parsed and read."""
    report = _analyse(
        repo_factory,
        {
            "app/migrations/0002_alter.py": (
                "from django.db import migrations, models\n\n"
                "class Migration(migrations.Migration):\n"
                "    dependencies = [('app', '0001_initial')]\n"
                "    operations = [migrations.AlterField('member', 'name', models.TextField())]\n"
            ),
            "app/models.py": (
                "from django.db import models\n\n"
                "class Member(models.Model):\n    email = models.EmailField()\n\n"
                "class Donor(models.Model, metaclass=type):\n    phone_number = models.TextField()\n"
            ),
            "app/notes.py": (
                "from django.db import models\n"
                "# the class below is built at run time\n"
                "Patient = type('Patient', (models.Model,), {})\n"
            ),
        },
    )
    assert sorted(parsed) == ["app/models.py", "app/notes.py"]
    assert _found(report) >= {
        ("Member.email", "email", "Django model"),
        ("Donor.phone_number", "phone", "Django model"),
    }


def test_non_ascii_files_are_skipped_or_read_as_python_reads_their_names(
    repo_factory: RepoFactory, parsed: list[str]
) -> None:
    """A non-ASCII letter (an em dash in a comment) no longer forces a parse, while names
    spelt in characters Python normalises (fullwidth "ＥｍａｉｌＦｉｅｌｄ", a fullwidth
    "ＦｏｒｅｉｇｎＫｅｙ" call) are still found: the shortcut reads the NFKC form."""
    report = _analyse(
        repo_factory,
        {
            "app/migrations/0003_rename.py": (
                "# Renames a field — nothing else.\n"
                "from django.db import migrations\n\n"
                "class Migration(migrations.Migration):\n"
                "    operations = [migrations.RenameField('member', 'name', 'full_name')]\n"
            ),
            "app/models.py": (
                "from django.db import models\n\n"
                "class Ｍｅｍｂｅｒ(models.Ｍｏｄｅｌ):\n    email = models.ＥｍａｉｌＦｉｅｌｄ()\n"
            ),
            "app/survey.py": (
                "from django.conf import settings\nfrom django.db import models\n"
                "class Survey:  # not a model — a plain class\n"
                "    author = models.ＦｏｒｅｉｇｎＫｅｙ(settings.AUTH_USER_MODEL)\n"
            ),
        },
    )
    assert sorted(parsed) == ["app/models.py", "app/survey.py"]
    found = _found(report)
    assert ("Member.email", "email", "Django model") in found
    assert ("User (django.contrib.auth).email", "email", "Django model") in found
